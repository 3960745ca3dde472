/**
 * A fetch for the SDKs that remembers the last response's headers, so a 429's Retry-After can be
 * honoured even by SDKs whose errors drop the headers (@google/genai). One per call, never shared.
 *
 * It also stamps the call's trace on every HTTP request as a W3C `traceparent` with a new span id
 * per request: every SDK (openai, @anthropic-ai/sdk, @google/genai) takes this fetch, so one place
 * covers them all, and an SDK-level retry or a second request of one call still gets its own span.
 */
import { traceparent } from "../observability/trace";

export type RecordingFetch = { fetch: typeof fetch; lastHeaders: () => Headers | undefined };

export function recordingFetch(traceId?: string): RecordingFetch {
  let last: Headers | undefined;
  return {
    fetch: async (input, init) => {
      const res = await fetch(input, traceId ? withTraceparent(input, init, traceId) : init);
      last = res.headers;
      return res;
    },
    lastHeaders: () => last,
  };
}

function withTraceparent(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  traceId: string,
): RequestInit {
  const headers = new Headers(input instanceof Request ? input.headers : undefined);
  new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
  headers.set("traceparent", traceparent(traceId));
  return { ...init, headers };
}
