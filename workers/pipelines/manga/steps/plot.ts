/** Phase 3 — plot in three acts, scenes allocated to pages. */
import { defineStep } from "../../define-step";
import { generateStructured } from "../generate";
import { offlinePlot } from "../offline/plot";
import { clip } from "../offline/story-facts";
import { renderMangaPrompt } from "../prompts";
import { promptPick } from "../../prompt-set";
import { plotSchema } from "../schemas/plot";
import { plotView } from "../previews/plot";
import { charactersStep } from "./characters";
import { conceptStep, STORY_PROMPT_CHARS } from "./concept";
import { phaseInputSchema } from "./phase-input";
import { loadStory } from "./story";

export const plotStep = defineStep({
  input: phaseInputSchema,
  output: plotSchema,
  async run(ctx) {
    const story = await loadStory(ctx);
    const concept = await ctx.outputOf(conceptStep, "concept");
    const cast = await ctx.outputOf(charactersStep, "characters");
    const out = await generateStructured(
      ctx,
      renderMangaPrompt("plot", promptPick(ctx), {
        language: story.info.language === "ja" ? "Japanese" : "English",
        pages: story.info.pages,
        characters: JSON.stringify(cast.characters.map(({ id, name, role }) => ({ id, name, role }))),
        concept: JSON.stringify({
          title: concept.title,
          logline: concept.logline,
          settings: concept.settings,
        }),
        story: clip(story.text, STORY_PROMPT_CHARS),
      }),
      plotSchema,
      offlinePlot(story.facts, concept, cast, story.info.pages),
      6_000,
    );
    return { output: out.value, usage: out.usage };
  },
  /** Skipped: the story's sentences in order, cut into three acts and spread over the pages. */
  async fallback(ctx) {
    const story = await loadStory(ctx);
    const concept = await ctx.outputOf(conceptStep, "concept");
    const cast = await ctx.outputOf(charactersStep, "characters");
    return { output: offlinePlot(story.facts, concept, cast, story.info.pages) };
  },
  preview: plotView,
});
