/**
 * The step-retry policy, in one place: which failures of a step are worth another attempt
 * (`isRetryableStepError`) and how long to wait before it (`retryDelayMs`). The provider
 * router's per-call retries use the same backoff curve (workers/retry/backoff.ts).
 *
 * Retryable: failures of something outside the step that may heal —
 * - RetryableStepError (handlers throw it for provider rate limits, 5xx, timeouts, storage lag);
 * - the step's lease deadline passing (the attempt was aborted);
 * - any other error that is not a known programming or data error, e.g. a plain `Error` from a
 *   binding (R2, a Durable Object) or the runtime ("Network connection lost").
 * Not retryable: failures that the same code on the same data will repeat —
 * - FatalStepError (invalid input, refused requests, and a stored input or output that does not
 *   match its step's schema — see pipelines/define-step.ts);
 * - a ZodError (a value that does not parse will not parse next time either);
 * - TypeError, ReferenceError, RangeError, SyntaxError, EvalError, URIError: bugs in a handler.
 *   Retrying them `maxAttempts` times would only delay the failure and, for AI steps, pay again.
 */
import { exponentialDelayMs } from "../retry/backoff";
import { FatalStepError, RetryableStepError } from "./types";

export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * Delay before retrying a step: exponential backoff with half jitter, capped; a handler's own
 * "retry after" wins when it is longer (rate limits say exactly when to come back).
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponential = exponentialDelayMs(attempt, baseMs, MAX_RETRY_DELAY_MS);
  // Half fixed, half jitter: retries of many steps spread out but never come back instantly.
  const backoff = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(backoff, retryAfterMs ?? 0));
}

const PROGRAMMING_ERRORS = [TypeError, ReferenceError, RangeError, SyntaxError, EvalError, URIError];

/** Whether a step that threw `err` should be attempted again (see the list above). */
export function isRetryableStepError(err: unknown, timedOut = false): boolean {
  if (err instanceof FatalStepError) return false;
  if (err instanceof RetryableStepError || timedOut) return true;
  if (isZodError(err)) return false;
  return !PROGRAMMING_ERRORS.some((kind) => err instanceof kind);
}

/**
 * `err instanceof z.core.$ZodError` without importing zod: the run object imports this module, and
 * zod's evaluation was part of every isolate's start-up (issue 16, cold start). It is the same
 * test zod's own `Symbol.hasInstance` makes (zod/v4/core/core.js, `$constructor`).
 */
function isZodError(err: unknown): boolean {
  const traits = (err as { _zod?: { traits?: unknown } } | null)?._zod?.traits;
  return traits instanceof Set && traits.has("$ZodError");
}
