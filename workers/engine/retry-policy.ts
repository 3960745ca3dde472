/**
 * Exponential backoff with full jitter, capped; a handler's own "retry after" wins when it is
 * longer (rate limits say exactly when to come back).
 */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

export function retryDelayMs(
  attempt: number,
  baseMs: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half jitter: retries of many steps spread out but never come back instantly.
  const backoff = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(backoff, retryAfterMs ?? 0));
}
