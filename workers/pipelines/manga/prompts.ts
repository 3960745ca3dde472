/**
 * The manga pipeline's prompt templates (prompts/manga/<generator>/{system,message}.md), bundled
 * as text like the book's (same front matter and `{{name}}` rules; see book/prompts.ts), each a
 * PromptSet: a variant lives in prompts/manga/<generator>/variants/<name>/ and is imported here.
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
import storyboardBeatsSystem from "../../../prompts/manga/storyboard/variants/beats-first/system.md";
import storyboardBeatsMessage from "../../../prompts/manga/storyboard/variants/beats-first/message.md";
import { PromptSet, renderPick, type PromptPick, type RenderedPrompt } from "../prompt-set";

export type MangaGenerator =
  "concept" | "characters" | "plot" | "storyboard" | "lettering" | "scene-image" | "character-sheet";

const sources: Record<MangaGenerator, ConstructorParameters<typeof PromptSet>[1]> = {
  concept: { base: { system: conceptSystem, message: conceptMessage } },
  characters: { base: { system: charactersSystem, message: charactersMessage } },
  plot: { base: { system: plotSystem, message: plotMessage } },
  storyboard: {
    base: { system: storyboardSystem, message: storyboardMessage },
    "beats-first": { system: storyboardBeatsSystem, message: storyboardBeatsMessage },
  },
  lettering: { base: { system: letteringSystem, message: letteringMessage } },
  "scene-image": { base: { system: sceneImageSystem, message: sceneImageMessage } },
  "character-sheet": { base: { system: characterSheetSystem, message: characterSheetMessage } },
};

export type RenderedMangaPrompt = RenderedPrompt;

const sets = new Map<MangaGenerator, PromptSet>();

/** The generator's templates with their variants (parsed once). */
export function mangaPromptSet(generator: MangaGenerator): PromptSet {
  let set = sets.get(generator);
  if (!set) {
    set = new PromptSet(`manga/${generator}`, sources[generator]);
    sets.set(generator, set);
  }
  return set;
}

/**
 * One generator's prompt for a step, in the variant its pick chooses (see prompt-set.ts).
 *
 * @example
 * renderMangaPrompt("storyboard", promptPick(ctx), { direction, pages, characters, plot })
 * // { system, message, template: "manga/storyboard", version: "1.0.0+1.0.0", variant: "beats-first" }
 */
export function renderMangaPrompt(
  generator: MangaGenerator,
  pick: PromptPick,
  variables: Record<string, string | number>,
): RenderedMangaPrompt {
  return renderPick(mangaPromptSet(generator), pick, variables);
}

/** Every manga generator's template set, for GET /v1/prompts. */
export function mangaPromptSets(): PromptSet[] {
  return (Object.keys(sources) as MangaGenerator[]).map(mangaPromptSet);
}
