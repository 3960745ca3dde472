/**
 * A fetch for the SDKs that remembers the last response's headers, so a 429's Retry-After can be
 * honoured even by SDKs whose errors drop the headers (@google/genai). One per call, never shared.
 */
export type RecordingFetch = { fetch: typeof fetch; lastHeaders: () => Headers | undefined };

export function recordingFetch(): RecordingFetch {
  let last: Headers | undefined;
  return {
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      last = res.headers;
      return res;
    },
    lastHeaders: () => last,
  };
}
