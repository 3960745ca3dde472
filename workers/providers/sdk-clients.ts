/**
 * Provider SDK clients built once per isolate instead of once per call (issue 16: building an
 * `openai` client parses its options, builds its resource tree and header defaults — CPU that
 * every gateway call used to pay).
 *
 * A client is keyed by what it is built from (SDK, API key, base URL) in a small bounded map,
 * so a changed secret or base URL gets a new client. What is per call stays per call: the
 * abort signal goes with each request, and the call's recording fetch (recording-fetch.ts: its
 * trace and the last response's headers) is found through AsyncLocalStorage by the one fetch
 * the cached client was given — so two calls in flight at once in one isolate never see each
 * other's recorder.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const callFetch = new AsyncLocalStorage<typeof fetch>();

/** The fetch to give a cached client: the current call's fetch, or the global one outside a call. */
export const sdkFetch: typeof fetch = (input, init) => (callFetch.getStore() ?? fetch)(input, init);

/** Runs `fn` (which starts the SDK request) with `f` as the fetch of every request it makes. */
export function withCallFetch<T>(f: typeof fetch, fn: () => T): T {
  return callFetch.run(f, fn);
}

/** More distinct (key, base URL) pairs than one deployment has; bounds memory if keys rotate. */
const MAX_CLIENTS = 16;
const clients = new Map<string, unknown>();

/** The client for `parts` (SDK name, key, base URL), built by `build` the first time. */
export function cachedClient<T>(parts: (string | undefined)[], build: () => T): T {
  const key = JSON.stringify(parts);
  const found = clients.get(key) as T | undefined;
  if (found !== undefined) return found;
  const client = build();
  if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!);
  clients.set(key, client);
  return client;
}
