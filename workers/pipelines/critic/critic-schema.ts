/** The critic step's contract: what the run object gives it and what it answers. */
import { z } from "zod";

import { criticVerdictSchema } from "../../engine/critic-schemas";

/** The handler name (registry.ts adds it to every pipeline) and what the model answers. */
export { CRITIC_HANDLER, type CriticVerdict } from "../../engine/agent-review";
export { criticVerdictSchema };

export const criticInputSchema = z.strictObject({
  gate: z.string().min(1),
  /** The node under review and its step's handler. */
  reviews: z.string().min(1),
  handler: z.string().min(1),
  phase: z.string().min(1),
  /** The reviewed node's version being judged. */
  version: z.number().int().min(0),
  /** 1 for the first critique since the gate was last answered by anyone but the agent. */
  round: z.number().int().min(1),
});
export type CriticInput = z.infer<typeof criticInputSchema>;

export const criticOutputSchema = criticVerdictSchema.extend({
  /** Problems the schema and rule checks found (they force `revise`). */
  problems: z.array(z.string()),
  version: z.number().int(),
  prompt: z.object({ template: z.string(), version: z.string(), variant: z.string() }),
});
export type CriticOutput = z.infer<typeof criticOutputSchema>;
