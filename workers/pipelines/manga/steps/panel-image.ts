/** Phase 5, one panel: its image through the gateway, sized to the panel, stored in R2. */
import { z } from "zod";
import { FatalStepError } from "../../../engine/types";
import { defineStep } from "../../define-step";
import { gatewayFor } from "../generate";
import { panelImageSchema } from "../schemas/images";
import { boardPanels, drawPanel, panelSources } from "./panel-drawing";

export const panelImageStep = defineStep({
  input: z.strictObject({ panelId: z.string().max(16) }),
  output: panelImageSchema,
  async run(ctx) {
    const sources = await panelSources(ctx);
    const found = boardPanels(sources.board).find(({ panel }) => panel.id === ctx.node.input.panelId);
    if (!found) throw new FatalStepError(`the storyboard has no panel "${ctx.node.input.panelId}"`);
    const drawn = await drawPanel(ctx, gatewayFor(ctx), sources, found, undefined);
    return {
      output: drawn.ref,
      artifacts: [drawn.artifact],
      usage: { costUsd: drawn.costUsd, provider: drawn.provider, model: drawn.model, prompt: drawn.prompt },
    };
  },
});
