/**
 * Phase 4 — the name (storyboard), the seed's most important phase. The model (or the offline
 * fallback) decides panels per page — shot, angle, who, what, the lines — and the layout engine
 * turns that intent into valid geometry for the reading direction. Each page also gets a rough
 * drawing (boxes, figures as outlines, notes) for the reviewer. `page N: …` feedback re-plans
 * page N only.
 */
import { z } from "zod";
import { CAMERA_ANGLES, SHOTS, type CharacterLook } from "../../../media/manga/types";
import { lookOf } from "../looks";
import { defineStep } from "../../define-step";
import { generateStructured } from "../generate";
import { layOut, roughStoryboardSvg } from "../media";
import { offlineStoryboard, type PagePlan } from "../offline/storyboard";
import { renderMangaPrompt } from "../prompts";
import { promptPick } from "../../prompt-set";
import { panelSchema, storyboardSchema, type Storyboard } from "../schemas/storyboard";
import { storyboardView } from "../previews/storyboard";
import { charactersStep } from "./characters";
import { storeComposition } from "./compositions";
import { phaseInputSchema } from "./phase-input";
import { plotStep } from "./plot";
import { loadStory, variantOf } from "./story";
import { targetOf } from "./targeted-feedback";

const planSchema = z.strictObject({
  pages: z
    .array(
      z.strictObject({
        page: z.number().int().min(1),
        panels: z
          .array(
            panelSchema.omit({ rect: true, readingOrder: true, row: true }).extend({
              shot: z.enum(SHOTS),
              angle: z.enum(CAMERA_ANGLES),
              weight: z.number().min(0.5).max(4).optional(),
            }),
          )
          .min(1)
          .max(9),
      }),
    )
    .min(1),
});

export const storyboardStep = defineStep({
  input: phaseInputSchema,
  output: storyboardSchema,
  async run(ctx) {
    const story = await loadStory(ctx);
    const plot = await ctx.outputOf(plotStep, "plot");
    const cast = await ctx.outputOf(charactersStep, "characters");
    const direction = story.info.direction;
    const target = targetOf(ctx.node.feedback);
    const before = target?.kind === "page" ? await ctx.revisedOutput() : null;
    const fallback = { pages: offlineStoryboard(plot, cast, story.info.pages, variantOf(ctx.node.feedback)) };

    let plans: PagePlan[];
    let usage = {};
    if (before && target?.kind === "page") {
      // One page re-planned (offline: a different cut of the same beats); no model call.
      plans = fallback.pages.filter((p) => p.page === target.page);
    } else {
      const out = await generateStructured(
        ctx,
        renderMangaPrompt("storyboard", promptPick(ctx), {
          direction,
          pages: story.info.pages,
          characters: JSON.stringify(cast.characters.map(({ id, name }) => ({ id, name }))),
          plot: JSON.stringify(plot),
        }),
        planSchema,
        fallback,
        8_000,
      );
      plans = out.value.pages;
      usage = out.usage;
    }

    const looks = cast.characters.map(lookOf);
    const laidOut = await Promise.all(
      plans.map((plan) => boardPage(ctx.env.BUCKET, ctx.run.id, plan, direction, looks)),
    );
    const pages: Storyboard["pages"] = before
      ? before.pages.map((page) => laidOut.find((p) => p.page === page.page) ?? page)
      : laidOut;
    return { output: { direction, pages }, usage };
  },
  /**
   * Skipped: the plot's beats cut into panels by the offline planner (shots by beat, the scene's
   * cast), laid out by the same layout engine, with rough drawings.
   */
  async fallback(ctx) {
    const story = await loadStory(ctx);
    const plot = await ctx.outputOf(plotStep, "plot");
    const cast = await ctx.outputOf(charactersStep, "characters");
    const looks = cast.characters.map(lookOf);
    const plans = offlineStoryboard(plot, cast, story.info.pages, 0);
    const pages = await Promise.all(
      plans.map((plan) => boardPage(ctx.env.BUCKET, ctx.run.id, plan, story.info.direction, looks)),
    );
    return { output: { direction: story.info.direction, pages } };
  },
  preview: storyboardView,
});

async function boardPage(
  bucket: R2Bucket,
  runId: string,
  plan: PagePlan,
  direction: "rtl" | "ltr",
  looks: CharacterLook[],
) {
  const layout = layOut(
    { page: plan.page, panels: plan.panels.map((p) => ({ ...p, rect: undefined })) },
    direction,
  );
  const byId = new Map(plan.panels.map((p) => [p.id, p]));
  const panels = layout.panels.map((placed) => {
    const { weight: _weight, ...p } = byId.get(placed.intent.id)!;
    return { ...p, rect: placed.rect, readingOrder: placed.readingOrder, row: placed.row };
  });
  const rough = await storeComposition(bucket, runId, roughStoryboardSvg(layout, looks));
  return { page: plan.page, panels, rough };
}
