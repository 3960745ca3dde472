/**
 * The manga pipeline's prompt templates (prompts/manga/<generator>/{system,message}.md), bundled
 * as text like the book's (same front matter and `{{name}}` rules; see book/prompts.ts).
 */
import conceptSystem from "../../../prompts/manga/concept/system.md";
import conceptMessage from "../../../prompts/manga/concept/message.md";
import charactersSystem from "../../../prompts/manga/characters/system.md";
import charactersMessage from "../../../prompts/manga/characters/message.md";
import plotSystem from "../../../prompts/manga/plot/system.md";
import plotMessage from "../../../prompts/manga/plot/message.md";
import storyboardSystem from "../../../prompts/manga/storyboard/system.md";
import storyboardMessage from "../../../prompts/manga/storyboard/message.md";
import letteringSystem from "../../../prompts/manga/lettering/system.md";
import letteringMessage from "../../../prompts/manga/lettering/message.md";
import sceneImageSystem from "../../../prompts/manga/scene-image/system.md";
import sceneImageMessage from "../../../prompts/manga/scene-image/message.md";
import characterSheetSystem from "../../../prompts/manga/character-sheet/system.md";
import characterSheetMessage from "../../../prompts/manga/character-sheet/message.md";
import { parseTemplate, renderTemplate, type PromptTemplate } from "../book/prompts";

export type MangaGenerator =
  "concept" | "characters" | "plot" | "storyboard" | "lettering" | "scene-image" | "character-sheet";

const raw: Record<MangaGenerator, { system: string; message: string }> = {
  concept: { system: conceptSystem, message: conceptMessage },
  characters: { system: charactersSystem, message: charactersMessage },
  plot: { system: plotSystem, message: plotMessage },
  storyboard: { system: storyboardSystem, message: storyboardMessage },
  lettering: { system: letteringSystem, message: letteringMessage },
  "scene-image": { system: sceneImageSystem, message: sceneImageMessage },
  "character-sheet": { system: characterSheetSystem, message: characterSheetMessage },
};

export type RenderedMangaPrompt = { system: string; message: string; version: string };

const parsed = new Map<MangaGenerator, { system: PromptTemplate; message: PromptTemplate }>();

export function renderMangaPrompt(
  generator: MangaGenerator,
  variables: Record<string, string | number>,
): RenderedMangaPrompt {
  let templates = parsed.get(generator);
  if (!templates) {
    templates = {
      system: parseTemplate(raw[generator].system, `manga/${generator}/system.md`),
      message: parseTemplate(raw[generator].message, `manga/${generator}/message.md`),
    };
    parsed.set(generator, templates);
  }
  return {
    system: renderTemplate(templates.system.body, variables),
    message: renderTemplate(templates.message.body, variables),
    version: `manga/${generator}@${templates.system.version}+${templates.message.version}`,
  };
}

/** Every manga generator with its prompt version, for GET /v1/prompts. */
export function mangaPromptVersions(): { generator: MangaGenerator; version: string }[] {
  return (Object.keys(raw) as MangaGenerator[]).map((generator) => {
    const system = parseTemplate(raw[generator].system, `manga/${generator}/system.md`);
    const message = parseTemplate(raw[generator].message, `manga/${generator}/message.md`);
    return { generator, version: `${system.version}+${message.version}` };
  });
}
