/**
 * One error type for the whole API. Anything thrown in a route ends up here and leaves as
 * `{ error: { code, message, details? } }` with a matching HTTP status, never a stack trace.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorBody = {
  error: { code: string; message: string; details?: unknown };
};

/**
 * An error a client can act on: an HTTP status, a stable machine-readable `code`, a sentence
 * for people and optional structured `details` (e.g. the fields that failed validation).
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
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toBody(): ErrorBody {
    const error: ErrorBody["error"] = { code: this.code, message: this.message };
    if (this.details !== undefined) error.details = this.details;
    return { error };
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

/** An error of another module that knows its API form (e.g. BookInputError). */
type ConvertibleError = Error & { toApiError(): ApiError };

function isConvertible(err: unknown): err is ConvertibleError {
  return err instanceof Error && typeof (err as Partial<ConvertibleError>).toApiError === "function";
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isConvertible(err)) return err.toApiError();
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
  return c.json(apiError.toBody(), apiError.status);
}

/** Hono `notFound` handler: unknown routes are JSON like every other error. */
export function handleNotFound(c: Context): Response {
  return c.json(new ApiError(404, "not_found", `No route for ${c.req.method} ${c.req.path}`).toBody(), 404);
}
