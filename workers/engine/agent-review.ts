/**
 * The contract between the run object and the agent's critic (workers/pipelines/critic/): the
 * handler name every pipeline answers to, and the part of the critic's output the run object
 * acts on. Kept in the engine so the Durable Object never imports pipelines.
 */
import type * as CriticSchemasModule from "./critic-schemas";

export const CRITIC_HANDLER = "critic";

/** At most this many agent revisions in a row per gate; then the agent approves with a note. */
export const MAX_AGENT_REVISIONS = 2;

type CriticSchemas = typeof CriticSchemasModule;
export type { CriticVerdict } from "./critic-schemas";

let loaded: CriticSchemas | undefined;

/**
 * The critic's zod schemas (critic-schemas.ts), loaded when the first run object of an isolate
 * starts (under blockConcurrencyWhile, with the live protocol) rather than when the isolate
 * starts: this module is imported by the run object, and zod at module evaluation cost every
 * isolate's start-up (issue 16, cold start). The critic pipeline imports critic-schemas.ts itself.
 */
export async function loadCriticSchemas(): Promise<CriticSchemas> {
  loaded ??= await import("./critic-schemas");
  return loaded;
}

export function criticSchemas(): CriticSchemas {
  if (!loaded) throw new Error("the critic's schemas are used before the run object loaded them");
  return loaded;
}

/** A gate's phase: its id without `/review` (`storyboard/review` → `storyboard`). */
export function phaseOfGate(gateId: string): string {
  return gateId.endsWith("/review") ? gateId.slice(0, -"/review".length) : gateId;
}
