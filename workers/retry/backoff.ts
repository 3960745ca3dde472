/**
 * The backoff curve shared by both retry loops: a failed step waiting for its next attempt
 * (engine/retry-policy.ts) and a provider call retried within one attempt
 * (providers/provider-retry.ts). Below both, so neither imports the other.
 */

/** `baseMs · 2^(attempt-1)`, capped at `maxMs` (attempt counts from 1). */
export function exponentialDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
