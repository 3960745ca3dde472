/**
 * How long to wait before retrying the same provider, per error class (seed 004's table):
 * rate limit → Retry-After if given, else exponential; timeout → linear; network and 5xx →
 * exponential. Everything else is not retried at the same provider.
 */
import { RateLimitError, type GatewayError } from "./errors";

export type RetryPolicy = {
  /** Attempts per provider, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 20_000 };

/** Delay before attempt `attempt + 1` (attempt counts from 1), or undefined when not to retry. */
export function retryDelayMs(err: GatewayError, attempt: number, policy: RetryPolicy): number | undefined {
  if (!err.retryable || attempt >= policy.maxAttempts) return undefined;
  let delay: number;
  if (err instanceof RateLimitError && err.retryAfterMs !== undefined) delay = err.retryAfterMs;
  else if (err.classification === "timeout") delay = policy.baseDelayMs * attempt;
  else delay = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(delay, policy.maxDelayMs);
}
