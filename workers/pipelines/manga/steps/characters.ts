/**
 * Phase 2 — characters, each with a front-view character sheet drawn through the gateway's image
 * call. A sheet is only redrawn when the character's look changed (same prompt → same image).
 */
import { defineStep } from "../../define-step";
import { generateImage, generateStructured, gatewayFor } from "../generate";
import { describeForPrompt, lookOf } from "../looks";
import { offlineCharacters } from "../offline/characters";
import { clip } from "../offline/story-facts";
import { renderMangaPrompt } from "../prompts";
import { formatProvenance, promptPick } from "../../prompt-set";
import { charactersAnswerSchema, charactersSchema, type Character } from "../schemas/characters";
import { charactersView } from "../previews/characters";
import { conceptStep, STORY_PROMPT_CHARS } from "./concept";
import { phaseInputSchema } from "./phase-input";
import { storeImage } from "./store-image";
import { loadStory, variantOf } from "./story";
import type { ArtifactRecord } from "../../../engine/types";

/** Sheets are drawn 640 px wide at the art's 4:5 proportions. */
export const SHEET_WIDTH = 640;
export const SHEET_HEIGHT = 800;

export const charactersStep = defineStep({
  input: phaseInputSchema,
  output: charactersSchema,
  async run(ctx) {
    const story = await loadStory(ctx);
    const concept = await ctx.outputOf(conceptStep, "concept");
    const answer = await generateStructured(
      ctx,
      renderMangaPrompt("characters", promptPick(ctx), {
        language: story.info.language === "ja" ? "Japanese" : "English",
        concept: JSON.stringify(concept),
        story: clip(story.text, STORY_PROMPT_CHARS),
      }),
      charactersAnswerSchema,
      { characters: offlineCharacters(story.facts, variantOf(ctx.node.feedback)) },
    );
    const gateway = gatewayFor(ctx);
    const artifacts: ArtifactRecord[] = [];
    let costUsd = answer.usage.costUsd ?? 0;
    const characters: Character[] = [];
    for (const character of answer.value.characters) {
      const prompt = renderMangaPrompt("character-sheet", promptPick(ctx), {
        style: concept.visualStyle,
        ...flat(character),
      });
      const image = await generateImage(gateway, prompt.message, SHEET_WIDTH, SHEET_HEIGHT, {
        kind: "manga-character-sheet",
        look: lookOf(character),
      });
      costUsd += image.costUsd;
      const stored = await storeImage(ctx.env.BUCKET, ctx.run.id, image.bytes, {
        kind: "character_sheet",
        promptVersion: formatProvenance(prompt),
        provider: image.provider,
        model: image.model,
      });
      artifacts.push(stored.record);
      characters.push({ ...character, sheet: { key: stored.key, width: SHEET_WIDTH, height: SHEET_HEIGHT } });
    }
    return { output: { characters }, artifacts, usage: { ...answer.usage, costUsd } };
  },
  /**
   * Skipped: the story's recurring names with looks derived from each name, and no character
   * sheet (drawing one is an image call); later panels still draw them in these palettes.
   */
  async fallback(ctx) {
    const story = await loadStory(ctx);
    return { output: { characters: offlineCharacters(story.facts, 0).map((c) => ({ ...c, sheet: null })) } };
  },
  preview: charactersView,
});

function flat(character: Omit<Character, "sheet">): Record<string, string> {
  const a = character.appearance;
  return {
    name: character.name,
    hair: a.hair,
    eyes: a.eyes,
    build: a.build,
    outfit: a.outfit,
    description: describeForPrompt(character),
  };
}
