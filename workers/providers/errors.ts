/**
 * Gateway errors: one named class per classification, each carrying what the router needs to
 * decide (retry here, try the next provider, or stop) and what a caller needs to act on.
 *
 * @example
 * try { await gateway.generateText(req) } catch (err) {
 *   if (err instanceof RateLimitError) wait(err.retryAfterMs);
 * }
 */
import type { ProviderName } from "./types";

export type ErrorClass =
  | "rate_limit"
  | "timeout"
  | "network"
  | "server"
  | "invalid_request"
  | "auth"
  | "insufficient_credits"
  | "content_filter"
  | "invalid_output"
  | "budget_exceeded"
  | "no_provider"
  | "circuit_open";

type Where = { provider?: ProviderName; model?: string; status?: number; cause?: unknown };

export abstract class GatewayError extends Error {
  abstract readonly classification: ErrorClass;
  /** Worth another attempt at the same provider (after the backoff for its class). */
  abstract readonly retryable: boolean;
  readonly provider?: ProviderName;
  readonly model?: string;
  readonly status?: number;
  constructor(message: string, where: Where = {}) {
    super(message, { cause: where.cause });
    this.provider = where.provider;
    this.model = where.model;
    this.status = where.status;
  }
}

export class RateLimitError extends GatewayError {
  override readonly name = "RateLimitError";
  readonly classification = "rate_limit";
  readonly retryable = true;
  constructor(
    message: string,
    /** From Retry-After when the provider sent it. */
    readonly retryAfterMs: number | undefined,
    where: Where = {},
  ) {
    super(message, where);
  }
}

export class TimeoutError extends GatewayError {
  override readonly name = "TimeoutError";
  readonly classification = "timeout";
  readonly retryable = true;
}

export class NetworkError extends GatewayError {
  override readonly name = "NetworkError";
  readonly classification = "network";
  readonly retryable = true;
}

/** 5xx, and 200 answers whose body is not the provider's format (malformed). */
export class ServerError extends GatewayError {
  override readonly name = "ServerError";
  readonly classification = "server";
  readonly retryable = true;
}

export class InvalidRequestError extends GatewayError {
  override readonly name = "InvalidRequestError";
  readonly classification = "invalid_request";
  readonly retryable = false;
}

export class AuthError extends GatewayError {
  override readonly name = "AuthError";
  readonly classification = "auth";
  readonly retryable = false;
}

export class InsufficientCreditsError extends GatewayError {
  override readonly name = "InsufficientCreditsError";
  readonly classification = "insufficient_credits";
  readonly retryable = false;
}

export class ContentFilterError extends GatewayError {
  override readonly name = "ContentFilterError";
  readonly classification = "content_filter";
  readonly retryable = false;
}

/** The model's JSON failed the schema twice (the answer and one repair attempt). */
export class InvalidOutputError extends GatewayError {
  override readonly name = "InvalidOutputError";
  readonly classification = "invalid_output";
  readonly retryable = false;
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
    where: Where = {},
  ) {
    super(message, where);
  }
}

export class BudgetExceededError extends GatewayError {
  override readonly name = "BudgetExceededError";
  readonly classification = "budget_exceeded";
  readonly retryable = false;
  constructor(
    message: string,
    readonly scope: "run" | "key",
    readonly limitUsd: number,
    readonly remainingUsd: number,
  ) {
    super(message);
  }
}

export class CircuitOpenError extends GatewayError {
  override readonly name = "CircuitOpenError";
  readonly classification = "circuit_open";
  readonly retryable = false;
  constructor(
    message: string,
    readonly retryAfterMs: number,
    where: Where = {},
  ) {
    super(message, where);
  }
}

/** Every provider in the chain failed or was skipped; `attempts` says why, in order. */
export class NoProviderError extends GatewayError {
  override readonly name = "NoProviderError";
  readonly classification = "no_provider";
  readonly retryable = false;
  constructor(
    message: string,
    readonly attempts: {
      provider: ProviderName;
      model: string;
      classification: ErrorClass;
      message: string;
    }[],
    /** The last provider's error: what a caller reports (e.g. 429 with its Retry-After). */
    readonly lastError?: GatewayError,
  ) {
    super(message, { cause: lastError });
  }
}
