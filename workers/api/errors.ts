/**
 * One error type for the whole API. Anything thrown in a route ends up in `handleError` and
 * leaves as `{ error: { code, message, details } }` (workers/protocol/errors.ts) with a matching
 * HTTP status, never a stack trace. Lower layers throw their own errors (gateway, pipeline
 * input); this is the one place that knows how each looks over HTTP.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody } from "../protocol/errors";
import { PipelineInputError } from "../pipelines/errors";
import { GatewayError } from "../providers/errors";
import { gatewayErrorToApi } from "./gateway-errors";

export type { ErrorBody };

/**
 * An error a client can act on: an HTTP status, a stable machine-readable `code`, a sentence
 * for people and optional structured `details` (e.g. the fields that failed validation).
 * `retryAfterMs` becomes a Retry-After header.
 *
 * @example
 * throw new ApiError(404, "not_found", "No workflow with this id", { id });
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  readonly retryAfterMs: number | undefined;

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details ?? null } };
  }
}

/** Stable codes for the statuses Hono's own middleware throws (body limit, bad JSON, …). */
const codeForStatus: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "unavailable",
};

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof GatewayError) return gatewayErrorToApi(err);
  if (err instanceof PipelineInputError)
    return new ApiError(err.status, err.code, err.message, err.details, { cause: err });
  if (err instanceof HTTPException) {
    // Hono's validator reports an unparsable JSON body this way; give it a code of its own.
    if (err.status === 400 && /malformed json/i.test(err.message)) {
      return new ApiError(400, "malformed_json", `Request body is not valid JSON: ${err.message}`);
    }
    const status = err.status as ContentfulStatusCode;
    return new ApiError(status, codeForStatus[status] ?? "http_error", err.message || "Request failed");
  }
  return new ApiError(500, "internal_error", "An unexpected error occurred", undefined, { cause: err });
}

/** Hono `onError` handler: log server faults with the request id, answer with the JSON shape. */
export function handleError(err: unknown, c: Context): Response {
  const apiError = toApiError(err);
  if (apiError.status >= 500) {
    // A 500 is our fault (error); other 5xx are an upstream's or the configuration's (no provider,
    // provider down or slow): a warning, so error-level logs mean a bug.
    const level = apiError.status === 500 ? "error" : "warn";
    // Only the request id and the error: request bodies and headers may carry secrets.
    console[level](
      JSON.stringify({
        level,
        requestId: c.get("requestId"),
        path: c.req.path,
        error: String(apiError.cause ?? apiError),
      }),
    );
  }
  if (apiError.retryAfterMs !== undefined)
    c.header("Retry-After", String(Math.max(1, Math.ceil(apiError.retryAfterMs / 1000))));
  return c.json(apiError.toBody(), apiError.status);
}

/** Hono `notFound` handler: unknown routes are JSON like every other error. */
export function handleNotFound(c: Context): Response {
  return c.json(new ApiError(404, "not_found", `No route for ${c.req.method} ${c.req.path}`).toBody(), 404);
}
