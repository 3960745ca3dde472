/**
 * Phase 5 — scene images, the output the gate reviews: the panel images drawn by the per-panel
 * steps (`panels.ts`), joined in storyboard order. A revision is drawn here: `panel p3-2: …`
 * redraws that panel only (one image call) and keeps every other panel of the version being
 * revised; other feedback redraws every panel with it.
 */
import type { ArtifactRecord } from "../../../engine/types";
import { defineStep } from "../../define-step";
import { gatewayFor } from "../generate";
import { imagesSchema, type PanelImageRef } from "../schemas/images";
import { imagesView } from "../previews/images";
import { boardPanels, drawPanel, panelSources, type DrawnPanel } from "./panel-drawing";
import { panelImageStep } from "./panel-image";
import { panelNodeId, panelsStep } from "./panels";
import { phaseInputSchema } from "./phase-input";
import { targetOf } from "./targeted-feedback";

/** Image calls in flight at once when a whole-phase revision redraws every panel in this step. */
const PARALLEL_IMAGES = 4;

export const imagesStep = defineStep({
  input: phaseInputSchema,
  output: imagesSchema,
  async run(ctx) {
    const feedback = ctx.node.feedback;
    if (!feedback) {
      // First run: the per-panel steps have all settled (this step waits for `panels`' children).
      const { panels } = await ctx.outputOf(panelsStep, "panels");
      const refs = await Promise.all(panels.map((id) => ctx.outputOf(panelImageStep, panelNodeId(id))));
      return { output: { panels: refs } };
    }
    const sources = await panelSources(ctx);
    const gateway = gatewayFor(ctx);
    const target = targetOf(feedback);
    const jobs = boardPanels(sources.board);
    const drawn: DrawnPanel[] = [];
    let panels: PanelImageRef[];
    if (target?.kind === "panel") {
      const before = (await ctx.revisedOutput())?.panels ?? [];
      const kept = new Map(before.map((p) => [p.panelId, p]));
      panels = [];
      for (const job of jobs) {
        const reuse = kept.get(job.panel.id);
        if (reuse && job.panel.id !== target.id) panels.push(reuse);
        else {
          const one = await drawPanel(ctx, gateway, sources, job, target.note);
          drawn.push(one);
          panels.push(one.ref);
        }
      }
    } else {
      panels = [];
      for (let i = 0; i < jobs.length; i += PARALLEL_IMAGES) {
        const batch = await Promise.all(
          jobs.slice(i, i + PARALLEL_IMAGES).map((job) => drawPanel(ctx, gateway, sources, job, feedback)),
        );
        drawn.push(...batch);
        panels.push(...batch.map((d) => d.ref));
      }
    }
    const artifacts: ArtifactRecord[] = drawn.map((d) => d.artifact);
    const costUsd = drawn.reduce((sum, d) => sum + d.costUsd, 0);
    // Every panel of one step renders the same variant (the pick is seeded by run and node).
    const prompt = drawn[0]?.prompt;
    return { output: { panels }, artifacts, usage: { costUsd, ...(prompt ? { prompt } : {}) } };
  },
  /**
   * Skipped: no images. Every panel is left empty (composed as a marked empty panel, with its
   * lines), and the final quality report lists the panels as missing images.
   */
  async fallback() {
    return { output: { panels: [] } };
  },
  preview: imagesView,
});
