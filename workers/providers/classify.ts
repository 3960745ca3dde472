/**
 * Turns whatever an SDK threw into one of the gateway's error classes. The three SDKs differ
 * (openai and @anthropic-ai/sdk expose `status` and `headers`; @google/genai only `status`), so
 * Retry-After is read from the response the adapter's recording fetch saw last.
 */
import {
  AuthError,
  ContentFilterError,
  GatewayError,
  InsufficientCreditsError,
  InvalidRequestError,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from "./errors";
import type { ProviderName } from "./types";

export type ClassifyContext = {
  provider: ProviderName;
  model: string;
  /** The attempt's signal: aborted means our timeout fired. */
  signal?: AbortSignal;
  /** Headers of the last HTTP response, when the SDK error does not carry them. */
  headers?: Headers;
};

/** Retry-After as milliseconds: `retry-after-ms`, delta-seconds or an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.get("retry-after-ms") && Number.isFinite(ms)) return Math.max(0, ms);
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function statusOf(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const status = (err as { status?: unknown; code?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

function headersOf(err: unknown): Headers | undefined {
  const headers =
    typeof err === "object" && err !== null ? (err as { headers?: unknown }).headers : undefined;
  return headers instanceof Headers ? headers : undefined;
}

export function classifyError(err: unknown, ctx: ClassifyContext): GatewayError {
  if (err instanceof GatewayError) return err;
  const where = { provider: ctx.provider, model: ctx.model, cause: err };
  const message = err instanceof Error ? err.message : String(err);
  if (ctx.signal?.aborted) return new TimeoutError(`${ctx.provider} did not answer in time`, where);

  const status = statusOf(err);
  if (status !== undefined) {
    const w = { ...where, status };
    const text = `${ctx.provider} answered ${status}: ${message}`;
    if (status === 429) {
      if (/insufficient_quota|quota exceeded|billing/i.test(message))
        return new InsufficientCreditsError(text, w);
      return new RateLimitError(text, parseRetryAfter(headersOf(err) ?? ctx.headers), w);
    }
    if (status === 402 || /credit balance|insufficient.?(credits|funds|quota)/i.test(message)) {
      return new InsufficientCreditsError(text, w);
    }
    if (status === 401 || status === 403) return new AuthError(text, w);
    if (status === 408) return new TimeoutError(text, w);
    if (status >= 500) return new ServerError(text, w);
    if (/content.?(filter|policy)|safety/i.test(message)) return new ContentFilterError(text, w);
    return new InvalidRequestError(text, w);
  }
  // A 200 whose body is not the provider's format.
  if (err instanceof SyntaxError)
    return new ServerError(`${ctx.provider} sent a malformed response: ${message}`, where);
  const name = err instanceof Error ? err.name : "";
  if (/timeout/i.test(name)) return new TimeoutError(`${ctx.provider} timed out: ${message}`, where);
  if (/connection|network|fetch/i.test(name + message) || err instanceof TypeError) {
    return new NetworkError(`${ctx.provider} unreachable: ${message}`, where);
  }
  return new ServerError(`${ctx.provider} failed: ${message}`, where);
}

/**
 * classifyError for a failed SDK call of an adapter: the call's model and abort signal, and the
 * headers of the last response the adapter's recording fetch saw (for Retry-After).
 */
export function sdkCallError(
  err: unknown,
  provider: ProviderName,
  call: { model: string; signal?: AbortSignal },
  rec: { lastHeaders(): Headers | undefined },
): GatewayError {
  const headers = rec.lastHeaders();
  return classifyError(err, {
    provider,
    model: call.model,
    signal: call.signal,
    ...(headers ? { headers } : {}),
  });
}
