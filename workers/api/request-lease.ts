/**
 * Per-isolate slices of the request buckets kept by ProviderGuard objects (`ip:<address>`,
 * `gen:<person>`, `key:<apiKeyId>`), so a request spends a token here instead of asking the
 * object every time: the 50-client benchmark showed every request of a busy key queueing behind
 * the same three objects.
 *
 * An isolate leases up to SLICE_REQUESTS tokens at once (two seconds of the limit, at least one:
 * a limit of 10 a minute is still asked token by token, so small limits stay exact). When half of
 * its slice is spent it tops up in the background (waitUntil); when it has none it asks inline,
 * and if the object says "wait" it answers 429 itself until then without asking again.
 *
 * The tokens leave the object's bucket when leased, so all isolates together never pass more
 * than the limit; a lease lets an isolate spend a token up to LEASE_MS after taking it, so one
 * window can see at most one slice per isolate beyond the steady rate. Unspent tokens expire.
 */
import { log } from "../observability/log";
import { requestsPerSlice } from "../providers/guard-lease";

/** How long leased tokens may be spent. */
export const LEASE_MS = 10_000;
const MAX_BUCKETS = 10_000;

type Slice = { tokens: number; expiresAt: number; deniedUntil: number; refreshing: boolean };
const slices = new Map<string, Slice>();

function sliceOf(id: string): Slice {
  let s = slices.get(id);
  if (!s) {
    // Oldest first out (insertion order): an address seen once must not stay forever.
    if (slices.size >= MAX_BUCKETS) slices.delete(slices.keys().next().value as string);
    s = { tokens: 0, expiresAt: 0, deniedUntil: 0, refreshing: false };
    slices.set(id, s);
  }
  return s;
}

function grant(s: Slice, granted: number, now: number): void {
  s.tokens = (now < s.expiresAt ? s.tokens : 0) + granted;
  s.expiresAt = now + LEASE_MS;
}

/**
 * Takes one request from the bucket `name` (rpm a minute). Returns 0, or the ms to wait when
 * the limit is spent.
 *
 * @example
 * const waitMs = await takeRequest(env.PROVIDER_GUARD, `key:${apiKeyId}`, 600, (p) => ctx.waitUntil(p));
 */
export async function takeRequest(
  ns: Env["PROVIDER_GUARD"],
  name: string,
  rpm: number,
  background?: (p: Promise<unknown>) => void,
): Promise<number> {
  const s = sliceOf(`${name}@${rpm}`);
  const perSlice = requestsPerSlice(rpm);
  const now = Date.now();
  if (now >= s.expiresAt) s.tokens = 0;
  if (s.tokens >= 1) {
    s.tokens -= 1;
    if (background && perSlice > 1 && !s.refreshing && s.tokens <= perSlice / 2) {
      s.refreshing = true;
      const stub = ns.get(ns.idFromName(name));
      background(
        stub
          .leaseRequests(rpm, perSlice - Math.floor(s.tokens), Date.now(), true)
          .then((r) => grant(s, r.granted, Date.now()))
          .catch((err: unknown) => {
            // The slice serves until it is spent; then the next request asks inline.
            log.warn("request lease refresh failed", { bucket: name, error: err });
          })
          .finally(() => {
            s.refreshing = false;
          }),
      );
    }
    return 0;
  }
  if (now < s.deniedUntil) return s.deniedUntil - now;
  const r = await ns.get(ns.idFromName(name)).leaseRequests(rpm, perSlice);
  const after = Date.now();
  if (r.granted === 0) {
    s.deniedUntil = after + r.retryAfterMs;
    return r.retryAfterMs;
  }
  grant(s, r.granted - 1, after);
  return 0;
}

/** For tests: forget every slice, as a fresh isolate would. */
export function forgetRequestSlices(): void {
  slices.clear();
}
