import { z } from "zod";
import { PROVIDER_NAMES } from "../providers/types";
import type { RunOptions } from "./types";

/** Options a client may set per run; everything has a default. */
export const runOptionsSchema = z.strictObject({
  concurrency: z.number().int().min(1).max(500).optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
  leaseMs: z
    .number()
    .int()
    .min(1_000)
    .max(15 * 60_000)
    .optional(),
  retryBaseMs: z.number().int().min(10).max(60_000).optional(),
  failurePolicy: z.enum(["fail_fast", "continue"]).optional(),
  /** This run's provider chain for AI steps (gateway order), e.g. ["anthropic", "offline"]. */
  providers: z.array(z.enum(PROVIDER_NAMES)).min(1).max(10).optional(),
});

export type RunOptionsInput = z.infer<typeof runOptionsSchema>;

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
    ...(input?.providers ? { providers: input.providers } : {}),
  };
}
