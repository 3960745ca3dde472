/**
 * Retries of one provider call at the same provider, per error class (seed 004's table): rate
 * limit → Retry-After if given, else exponential; timeout → linear; network and 5xx →
 * exponential. Everything else is not retried at the same provider (the router falls back).
 * The backoff curve is the step-retry policy's (workers/retry/backoff.ts), with the router's
 * own base and cap: these retries happen inside one step attempt, in milliseconds.
 */
import { exponentialDelayMs } from "../retry/backoff";
import { RateLimitError, type GatewayError } from "./errors";

export type ProviderRetryPolicy = {
  /** Attempts per provider, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_PROVIDER_RETRY: ProviderRetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
};

/** Delay before attempt `attempt + 1` (attempt counts from 1), or undefined when not to retry. */
export function providerRetryDelayMs(
  err: GatewayError,
  attempt: number,
  policy: ProviderRetryPolicy,
): number | undefined {
  if (!err.retryable || attempt >= policy.maxAttempts) return undefined;
  if (err instanceof RateLimitError && err.retryAfterMs !== undefined)
    return Math.min(err.retryAfterMs, policy.maxDelayMs);
  if (err.classification === "timeout") return Math.min(policy.baseDelayMs * attempt, policy.maxDelayMs);
  return exponentialDelayMs(attempt, policy.baseDelayMs, policy.maxDelayMs);
}
