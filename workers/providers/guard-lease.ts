/**
 * Per-isolate slices of a provider's admission, so the common call asks no Durable Object.
 *
 * An isolate leases from ProviderGuard (`leaseAdmission`) a slice of the provider's request and
 * token buckets (about two seconds of the limit, at most SLICE_REQUESTS calls) together with the
 * news that the model's breaker is closed. Calls then spend the slice in the isolate; when it
 * runs low, or the breaker news is older than half of BREAKER_TTL_MS, one call refreshes it in
 * the background (waitUntil) and the next calls keep spending meanwhile. Successes are counted
 * here and reported with the next refresh; failures are reported at once (GuardClient.record),
 * and an answer other than "closed" drops the slice, so an opening is honoured by this isolate
 * immediately and by the others within BREAKER_TTL_MS.
 *
 * Guarantees: the tokens leave the shared buckets when leased, so all isolates together never
 * admit more than the limit per minute; what a lease adds is timing — an isolate may spend a
 * token up to LEASE_MS after taking it, so a window can see at most one slice per isolate beyond
 * the steady rate (and an unspent slice expires unused: under- never over-use). A breaker opened
 * elsewhere is honoured here after at most BREAKER_TTL_MS. Open and half-open breakers are never
 * cached: those calls go to `admit` one by one, so half-open still lets exactly one probe through.
 */
import type { LeaseGrant, LeaseRequest, SuccessReport } from "./guard-types";

/** How long the news "breaker closed" is trusted without asking again. */
export const BREAKER_TTL_MS = 1_500;
/** How long leased tokens may be spent. */
export const LEASE_MS = 10_000;
/** Most calls in one slice; small limits lease less (two seconds' worth, at least one). */
export const SLICE_REQUESTS = 20;
const MAX_LATENCIES = 20;

export type Slice = {
  closedUntil: number;
  expiresAt: number;
  /** Calls and tokens left; Infinity where the provider has no such limit. */
  requests: number;
  tokens: number;
  refreshing: boolean;
  report: SuccessReport;
};

const slices = new Map<string, Slice>();

export function sliceKey(provider: string, model: string, rpm?: number, tpm?: number): string {
  return `${provider}/${model}@${rpm ?? "-"}/${tpm ?? "-"}`;
}

/** Calls per slice for a per-minute limit: two seconds' worth, between 1 and SLICE_REQUESTS. */
export function requestsPerSlice(rpm: number | undefined): number {
  if (!rpm) return SLICE_REQUESTS;
  return Math.max(1, Math.min(SLICE_REQUESTS, Math.floor(rpm / 30)));
}

function tokensPerSlice(tpm: number | undefined, tokens: number, requests: number): number {
  if (!tpm) return 0;
  return Math.max(tokens, Math.min(Math.floor(tpm / 30), tokens * requests));
}

/** The slice for a key if it can admit a call of `tokens` now (nothing is spent). */
export function usableSlice(key: string, tokens: number, now: number): Slice | undefined {
  const s = slices.get(key);
  if (!s || now >= s.closedUntil || now >= s.expiresAt) return undefined;
  return s.requests >= 1 && s.tokens >= tokens ? s : undefined;
}

export function spend(s: Slice, tokens: number): void {
  s.requests -= 1;
  s.tokens -= tokens;
}

/** Should a call that just spent from `s` start a background refresh? */
export function wantsRefresh(s: Slice, rpm: number | undefined, now: number): boolean {
  if (s.refreshing) return false;
  if (s.closedUntil - now < BREAKER_TTL_MS / 2) return true;
  return s.requests <= requestsPerSlice(rpm) / 2;
}

/** What to ask ProviderGuard for: the current call plus a slice, and the pending successes. */
export function leaseRequest(
  key: string,
  req: { model: string; provider: string; rpm?: number; tpm?: number; tokens: number },
): LeaseRequest {
  const s = slices.get(key);
  const perSlice = requestsPerSlice(req.rpm);
  const held = s && Number.isFinite(s.requests) ? s.requests : 0;
  const heldTokens = s && Number.isFinite(s.tokens) ? s.tokens : 0;
  const pending = s?.report.successes ? s.report : undefined;
  if (s && pending) s.report = { successes: 0, latencies: [], lastSuccessAt: 0 };
  return {
    ...req,
    wantRequests: Math.max(1, perSlice - held),
    wantTokens: Math.max(0, tokensPerSlice(req.tpm, req.tokens, perSlice) - heldTokens),
    ...(pending ? { report: pending } : {}),
  };
}

/**
 * Takes in a grant. Returns the slice (now holding the grant) or undefined when the breaker is
 * not closed: the slice is dropped so calls go to `admit` one by one.
 */
export function applyGrant(key: string, grant: LeaseGrant, now: number): Slice | undefined {
  const s = slices.get(key);
  if (!grant.ok) {
    if (grant.reason === "not_closed") slices.delete(key);
    return undefined;
  }
  const live = s && now < s.expiresAt ? s : undefined;
  const next: Slice = {
    closedUntil: now + BREAKER_TTL_MS,
    expiresAt: now + LEASE_MS,
    requests: grant.requests === null ? Infinity : (live?.requests ?? 0) + grant.requests,
    tokens: grant.tokens === null ? Infinity : (live?.tokens ?? 0) + grant.tokens,
    refreshing: false,
    report: s?.report ?? { successes: 0, latencies: [], lastSuccessAt: 0 },
  };
  slices.set(key, next);
  return next;
}

/** A report that could not be delivered is put back, so the next refresh carries it. */
export function restoreReport(key: string, report: SuccessReport | undefined): void {
  const s = slices.get(key);
  if (!s || !report) return;
  s.report = {
    successes: s.report.successes + report.successes,
    latencies: [...report.latencies, ...s.report.latencies].slice(-MAX_LATENCIES),
    lastSuccessAt: Math.max(s.report.lastSuccessAt, report.lastSuccessAt),
  };
}

/** Counts a success admitted from a slice; false when there is no slice (report it directly). */
export function noteSuccess(key: string, latencyMs: number, now: number): boolean {
  const s = slices.get(key);
  if (!s) return false;
  s.report.successes += 1;
  s.report.latencies.push(latencyMs);
  if (s.report.latencies.length > MAX_LATENCIES) s.report.latencies.shift();
  s.report.lastSuccessAt = now;
  return true;
}

/** The breaker is no longer closed (a failure reported from this isolate said so). */
export function dropSlice(key: string): void {
  slices.delete(key);
}

/** For tests: forget every slice, as a fresh isolate would. */
export function forgetSlices(): void {
  slices.clear();
}
