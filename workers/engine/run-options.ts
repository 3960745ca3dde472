import type { RunOptionsInput } from "../protocol/workflows";
import type { RunOptions } from "./types";

/** Options a client may set per run (the schema is part of the wire protocol). */
export { runOptionsSchema, type RunOptionsInput } from "../protocol/workflows";

import { DEFAULT_CRITIC_THRESHOLD } from "./critic-threshold";

export { DEFAULT_CRITIC_THRESHOLD };

export function resolveRunOptions(
  input: RunOptionsInput | undefined,
  defaultConcurrency: number,
): RunOptions {
  return {
    concurrency: input?.concurrency ?? defaultConcurrency,
    maxAttempts: input?.maxAttempts ?? 4,
    leaseMs: input?.leaseMs ?? 120_000,
    retryBaseMs: input?.retryBaseMs ?? 1_000,
    failurePolicy: input?.failurePolicy ?? "continue",
    mode: input?.mode ?? "dialog",
    humanReview: input?.humanReview ?? [],
    criticThreshold: input?.criticThreshold ?? DEFAULT_CRITIC_THRESHOLD,
    ...(input?.providers ? { providers: input.providers } : {}),
    ...(input?.budgetUsd !== undefined ? { budgetUsd: input.budgetUsd } : {}),
    ...(input?.promptVariants ? { promptVariants: input.promptVariants } : {}),
  };
}
