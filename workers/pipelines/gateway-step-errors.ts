/**
 * Gateway failures in the engine's retry vocabulary, for every pipeline step that calls a
 * provider: the chain gave up, so the step is worth a later attempt only if the last failure was
 * transient (every provider rate-limited or down), not if the request itself was refused.
 */
import { BudgetExhaustedStepError, FatalStepError, RetryableStepError } from "../engine/types";
import { BudgetExceededError, CircuitOpenError, GatewayError, NoProviderError } from "../providers/errors";

/** The error to throw for `err` (non-gateway errors are returned unchanged). */
export function asStepError(err: unknown): unknown {
  const cause = err instanceof NoProviderError ? (err.lastError ?? err) : err;
  // Not the step's failure: the run stops until someone raises its budget, then the step runs.
  if (cause instanceof BudgetExceededError)
    return new BudgetExhaustedStepError(cause.message, { cause: err });
  // An open breaker refuses calls for a while (the router must not hammer it), but the step
  // itself is worth trying again once the breaker lets a probe through.
  if (cause instanceof GatewayError && (cause.retryable || cause instanceof CircuitOpenError)) {
    const retryAfter = (cause as { retryAfterMs?: number }).retryAfterMs;
    return new RetryableStepError(cause.message, retryAfter, { cause: err });
  }
  if (cause instanceof GatewayError)
    return new FatalStepError(`${cause.classification}: ${cause.message}`, { cause: err });
  return err;
}
