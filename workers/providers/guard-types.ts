/** What the ProviderGuard object (durable-objects/provider-guard.ts) is asked and answers. */
export type Admission =
  { ok: true; probe: boolean } | { ok: false; reason: "circuit_open" | "rate_limited"; retryAfterMs: number };

export type AdmitRequest = {
  model: string;
  /** The provider this object guards (its name), for the breaker-transition metric. */
  provider?: string;
  /** Limits for this provider; omitted means unlimited. */
  rpm?: number;
  tpm?: number;
  /** Estimated tokens of the call, taken from the tokens-per-minute bucket. */
  tokens?: number;
  /** Injectable clock for tests; defaults to Date.now(). */
  now?: number;
};

export type Outcome = {
  model: string;
  provider?: string;
  ok: boolean;
  latencyMs: number;
  /** False for failures that say nothing about the provider's health (e.g. invalid request). */
  countsAsFailure?: boolean;
  now?: number;
};

/**
 * An isolate's request for a slice of a provider's buckets (guard-lease.ts): the breaker must be
 * closed, and at least one request and `tokens` tokens must be available now; up to
 * `wantRequests` / `wantTokens` are handed out, to be spent in the isolate without asking again.
 */
export type LeaseRequest = {
  model: string;
  provider?: string;
  rpm?: number;
  tpm?: number;
  /** Tokens the call about to start needs (its estimate). */
  tokens: number;
  wantRequests: number;
  wantTokens: number;
  /** A background top-up: nothing is needed now, so grant what there is (possibly nothing). */
  refresh?: boolean;
  /** Successes seen under earlier slices, reported in one batch instead of one call each. */
  report?: SuccessReport;
  now?: number;
};

export type SuccessReport = { successes: number; latencies: number[]; lastSuccessAt: number };

/**
 * `requests` / `tokens` null: that bucket is unlimited. `not_closed`: the breaker is open or
 * half-open, so nothing is leased and the isolate asks `admit` call by call (exact probing).
 */
export type LeaseGrant =
  | { ok: true; requests: number | null; tokens: number | null }
  | { ok: false; reason: "rate_limited" | "not_closed"; retryAfterMs: number };
