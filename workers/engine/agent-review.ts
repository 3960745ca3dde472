/**
 * The contract between the run object and the agent's critic (workers/pipelines/critic/): the
 * handler name every pipeline answers to, and the part of the critic's output the run object
 * acts on. Kept in the engine so the Durable Object never imports pipelines.
 */
import { z } from "zod";

export const CRITIC_HANDLER = "critic";

/** At most this many agent revisions in a row per gate; then the agent approves with a note. */
export const MAX_AGENT_REVISIONS = 2;

function buildCriticSchemas() {
  const verdict = z.strictObject({
    verdict: z.enum(["approve", "revise"]),
    confidence: z.number().min(0).max(1),
    feedback: z.string().min(1).max(4_000),
  });
  return {
    /** What the critic's model answers (the critic pipeline extends it). */
    verdict,
    /** What the run object reads of a finished critic node (the rest is for people). */
    result: z.object({ ...verdict.shape, version: z.number().int() }),
  };
}

let built: ReturnType<typeof buildCriticSchemas> | undefined;

/**
 * The critic's schemas, built on first use: this module is imported by the run object, and
 * building zod schemas at module evaluation cost every isolate's start-up (issue 16, cold start).
 */
export function criticSchemas(): ReturnType<typeof buildCriticSchemas> {
  built ??= buildCriticSchemas();
  return built;
}
export type CriticVerdict = z.infer<ReturnType<typeof criticSchemas>["verdict"]>;

/** A gate's phase: its id without `/review` (`storyboard/review` → `storyboard`). */
export function phaseOfGate(gateId: string): string {
  return gateId.endsWith("/review") ? gateId.slice(0, -"/review".length) : gateId;
}
