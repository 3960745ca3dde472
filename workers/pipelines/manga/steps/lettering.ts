/**
 * Phase 6 — dialogue and lettering: the words per panel (model or the story's quoted lines),
 * placed by the lettering engine (no overlaps, inside the panel, tails at the speaker, vertical
 * Japanese for right-to-left books) and composed into lettered pages for review.
 */
import { defineStep, type TypedStepContext } from "../../define-step";
import type { Images } from "../schemas/images";
import type { Lettering } from "../schemas/lettering";
import type { Storyboard } from "../schemas/storyboard";
import { generateStructured } from "../generate";
import { offlineLettering } from "../offline/lettering";
import { renderMangaPrompt } from "../prompts";
import { promptPick } from "../../prompt-set";
import { letteringAnswerSchema, letteringSchema } from "../schemas/lettering";
import { letteringView } from "../previews/lettering";
import { charactersStep } from "./characters";
import { composePages } from "./compose-pages";
import { imagesStep } from "./images";
import { phaseInputSchema } from "./phase-input";
import { storyboardStep } from "./storyboard";
import { loadStory, type LoadedStory } from "./story";

export const letteringStep = defineStep({
  input: phaseInputSchema,
  output: letteringSchema,
  async run(ctx) {
    const story = await loadStory(ctx);
    const cast = await ctx.outputOf(charactersStep, "characters");
    const board = await ctx.outputOf(storyboardStep, "storyboard");
    const images = await ctx.outputOf(imagesStep, "images");
    const ja = story.info.language === "ja";
    const out = await generateStructured(
      ctx,
      renderMangaPrompt("lettering", promptPick(ctx), {
        language: ja ? "Japanese" : "English",
        max_chars: ja ? 40 : 90,
        characters: JSON.stringify(cast.characters.map(({ id, name }) => ({ id, name }))),
        storyboard: JSON.stringify(
          board.pages.map((p) => ({
            page: p.page,
            panels: p.panels.map(({ id, action, characters, lines }) => ({ id, action, characters, lines })),
          })),
        ),
      }),
      letteringAnswerSchema,
      { panels: offlineLettering(board, story.info.language) },
      6_000,
    );
    return { output: await letter(ctx, story, board, images, out.value.panels), usage: out.usage };
  },
  /** Skipped: the storyboard's own lines (the story's quotations), placed by the lettering engine. */
  async fallback(ctx) {
    const story = await loadStory(ctx);
    const board = await ctx.outputOf(storyboardStep, "storyboard");
    const images = await ctx.outputOf(imagesStep, "images");
    const panels = offlineLettering(board, story.info.language);
    return { output: await letter(ctx, story, board, images, panels) };
  },
  preview: letteringView,
});

/** Places the lines on the composed pages (stored by hash): the phase's output. */
async function letter(
  ctx: TypedStepContext<unknown>,
  story: LoadedStory,
  board: Storyboard,
  images: Images,
  panels: Lettering["panels"],
): Promise<Lettering> {
  const pages = await composePages(ctx.env.BUCKET, ctx.run.id, board, images, panels, story.info.language);
  return {
    panels,
    pages: pages.map(({ page, composition }) => ({ page, composition })),
    vertical: story.info.language === "ja" && board.direction === "rtl",
  };
}
