/**
 * How gateway errors look to HTTP clients: each classification gets a status and a stable code,
 * rate limits and open breakers a Retry-After. Our own provider credentials failing is a 502,
 * not the client's 401. Used by the API's `onError` (errors.ts), so routes simply let the
 * gateway's errors through.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  BudgetExceededError,
  CircuitOpenError,
  NoProviderError,
  RateLimitError,
  type ErrorClass,
  type GatewayError,
} from "../providers/errors";
import { ApiError } from "./errors";

const STATUS: Record<ErrorClass, [ContentfulStatusCode, string]> = {
  rate_limit: [429, "rate_limited"],
  circuit_open: [503, "provider_unavailable"],
  timeout: [504, "provider_timeout"],
  network: [502, "provider_unreachable"],
  server: [502, "provider_error"],
  invalid_request: [400, "invalid_request"],
  auth: [502, "provider_auth_failed"],
  insufficient_credits: [502, "provider_insufficient_credits"],
  content_filter: [422, "content_filtered"],
  invalid_output: [502, "invalid_output"],
  budget_exceeded: [402, "budget_exceeded"],
  no_provider: [503, "no_provider"],
};

export function gatewayErrorToApi(err: GatewayError): ApiError {
  const shown = err instanceof NoProviderError && err.lastError ? err.lastError : err;
  const [status, code] = STATUS[shown.classification];
  const retryAfterMs =
    shown instanceof RateLimitError || shown instanceof CircuitOpenError ? shown.retryAfterMs : undefined;
  const details: Record<string, unknown> = { classification: shown.classification };
  if (shown.provider) details.provider = shown.provider;
  if (err instanceof NoProviderError) details.attempts = err.attempts;
  if (shown instanceof BudgetExceededError)
    Object.assign(details, {
      scope: shown.scope,
      limitUsd: shown.limitUsd,
      remainingUsd: shown.remainingUsd,
    });
  return new ApiError(status, code, err.message, details, { cause: err, retryAfterMs });
}
