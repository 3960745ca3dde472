/**
 * What the critic's model answers and what the run object reads of a finished critic node
 * (agent-review.ts has the rest of the contract). The run object loads this module when it
 * starts (loadCriticSchemas), not at the isolate's start-up (issue 16, cold start).
 */
import { z } from "zod";

export const criticVerdictSchema = z.strictObject({
  verdict: z.enum(["approve", "revise"]),
  confidence: z.number().min(0).max(1),
  feedback: z.string().min(1).max(4_000),
});
export type CriticVerdict = z.infer<typeof criticVerdictSchema>;

/** What the run object reads of a finished critic node (the rest is for people). */
export const criticResultSchema = z.object({
  ...criticVerdictSchema.shape,
  version: z.number().int(),
});
