/**
 * Phase 5, fan-out: one `panel-image` step per storyboard panel (node `panels/<panel id>`), so
 * panels are drawn in parallel up to the run's concurrency instead of one after another. The
 * `images` step joins them into the phase output the gate reviews.
 */
import { z } from "zod";
import type { NodeSpec } from "../../../engine/types";
import { defineStep } from "../../define-step";
import { phaseInputSchema } from "./phase-input";
import { boardPanels } from "./panel-drawing";
import { storyboardStep } from "./storyboard";

export const panelNodeId = (panelId: string) => `panels/${panelId}`;

export const panelsSchema = z.strictObject({ panels: z.array(z.string().max(16)).max(400) });

export const panelsStep = defineStep({
  input: phaseInputSchema,
  output: panelsSchema,
  async run(ctx) {
    const board = await ctx.outputOf(storyboardStep, "storyboard");
    const panels = boardPanels(board).map(({ panel }) => panel.id);
    const spawn: NodeSpec[] = panels.map((panelId) => ({
      id: panelNodeId(panelId),
      handler: "panel-image",
      input: { panelId },
      title: `Panel ${panelId}`,
    }));
    return { output: { panels }, spawn };
  },
});
