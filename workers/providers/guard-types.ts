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
