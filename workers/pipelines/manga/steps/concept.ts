/** Phase 1 — concept and world. */
import { clip, storyTitle } from "../offline/story-facts";
import { offlineConcept } from "../offline/concept";
import { defineStep } from "../../define-step";
import { generateStructured } from "../generate";
import { renderMangaPrompt } from "../prompts";
import { promptPick } from "../../prompt-set";
import { conceptSchema } from "../schemas/concept";
import { loadStory, variantOf, type LoadedStory } from "./story";
import { phaseInputSchema } from "./phase-input";
import { conceptView } from "../previews/concept";

/** Stories are long; the model sees their opening (the gist is there) within this budget. */
export const STORY_PROMPT_CHARS = 24_000;

export const conceptStep = defineStep({
  input: phaseInputSchema,
  output: conceptSchema,
  async run(ctx) {
    const story = await loadStory(ctx);
    const fallback = conceptFromStory(story, variantOf(ctx.node.feedback));
    const prompt = renderMangaPrompt("concept", promptPick(ctx), {
      language: story.info.language === "ja" ? "Japanese" : "English",
      title: story.info.title ?? "",
      style_notes: story.info.styleNotes ?? "",
      story: clip(story.text, STORY_PROMPT_CHARS),
    });
    const out = await generateStructured(ctx, prompt, conceptSchema, fallback);
    return { output: out.value, usage: out.usage };
  },
  /** Skipped: the concept read off the story itself (its title, sentences and settings). */
  async fallback(ctx) {
    return { output: conceptFromStory(await loadStory(ctx), 0) };
  },
  preview: conceptView,
});

function conceptFromStory(story: LoadedStory, variant: number) {
  return offlineConcept(
    story.facts,
    story.info.title ?? storyTitle(story.text),
    story.info.styleNotes ?? undefined,
    variant,
  );
}
