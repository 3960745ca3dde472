/**
 * The router's view of ProviderGuard: admit a call (breaker + provider buckets) and report its
 * outcome. Offline is never guarded: it cannot fail for provider reasons and has no limits.
 *
 * The common call is admitted from this isolate's leased slice (guard-lease.ts) without a
 * round trip; the object is asked when the slice is empty or stale (refreshed in the background
 * when a `background` hook is given, so a busy isolate never waits for it), and call by call
 * while the breaker is open or half-open.
 */
import {
  applyGrant,
  dropSlice,
  leaseRequest,
  noteSuccess,
  restoreReport,
  sliceKey,
  spend,
  usableSlice,
  wantsRefresh,
  type Slice,
} from "./guard-lease";
import type { Admission, LeaseRequest } from "./guard-types";
import type { ErrorClass } from "./errors";
import { PROVIDER_LIMITS, type ProviderLimits } from "./limits";
import type { ProviderName } from "./types";

/** Failures that say the provider is unhealthy; the others are the request's fault. */
const HEALTH_FAILURES = new Set<ErrorClass>([
  "rate_limit",
  "timeout",
  "network",
  "server",
  "auth",
  "insufficient_credits",
]);

export class GuardClient {
  constructor(
    private readonly ns: Env["PROVIDER_GUARD"] | undefined,
    private readonly limits: Partial<Record<ProviderName, ProviderLimits>> = {},
    /** Runs a slice refresh after the answer (ctx.waitUntil); without it slices refill inline. */
    private readonly background?: (p: Promise<unknown>) => void,
  ) {}

  /** Whether calls to `provider` pass the guard at all (offline never does). */
  private guarded(provider: ProviderName): boolean {
    return provider !== "offline" && this.ns !== undefined;
  }

  // Built only when the object is really asked: the common call, admitted from the slice, needs
  // no id (hashing the name) and no stub (issue 16: own work per request).
  private stub(provider: ProviderName) {
    return this.ns!.get(this.ns!.idFromName(provider));
  }

  private limitsOf(provider: ProviderName): ProviderLimits {
    return { ...PROVIDER_LIMITS[provider], ...this.limits[provider] };
  }

  async admit(provider: ProviderName, model: string, tokens: number): Promise<Admission> {
    if (!this.guarded(provider)) return { ok: true, probe: false };
    const { rpm, tpm } = this.limitsOf(provider);
    const key = sliceKey(provider, model, rpm, tpm);
    const call = { model, provider, rpm, tpm, tokens };
    const now = Date.now();
    const held = usableSlice(key, tpm ? tokens : 0, now);
    if (held) {
      spend(held, tpm ? tokens : 0);
      if (this.background && wantsRefresh(held, rpm, now)) this.refreshInBackground(key, held, call);
      return { ok: true, probe: false };
    }
    const asked = leaseRequest(key, call);
    const stub = this.stub(provider);
    const grant = await stub.leaseAdmission(asked).catch((err: unknown) => {
      restoreReport(key, asked.report);
      throw err;
    });
    const slice = applyGrant(key, grant, Date.now());
    if (slice) {
      spend(slice, tpm ? tokens : 0);
      return { ok: true, probe: false };
    }
    if (!grant.ok && grant.reason === "rate_limited")
      return { ok: false, reason: "rate_limited", retryAfterMs: grant.retryAfterMs };
    // Open or half-open: the object decides call by call (one probe at a time).
    return stub.admit({ model, provider, tokens, rpm, tpm });
  }

  private refreshInBackground(
    key: string,
    held: Slice,
    call: { model: string; provider: ProviderName; rpm?: number; tpm?: number; tokens: number },
  ): void {
    held.refreshing = true;
    const asked = leaseRequest(key, call);
    // A refresh asks for the slice only: the call that triggered it has already been admitted.
    const request: LeaseRequest = { ...asked, tokens: 0, refresh: true };
    this.background!(
      this.stub(call.provider)
        .leaseAdmission(request)
        .then((grant) => {
          held.refreshing = false;
          applyGrant(key, grant, Date.now());
        })
        .catch((err: unknown) => {
          // The slice keeps serving until it runs out; the next call that finds it empty asks inline.
          restoreReport(key, asked.report);
          held.refreshing = false;
          throw err;
        }),
    );
  }

  async record(
    provider: ProviderName,
    model: string,
    ok: boolean,
    latencyMs: number,
    failure?: ErrorClass,
  ): Promise<void> {
    if (!this.guarded(provider)) return;
    const { rpm, tpm } = this.limitsOf(provider);
    const key = sliceKey(provider, model, rpm, tpm);
    // A success under a leased slice is reported with the slice's next refresh.
    if (ok && noteSuccess(key, latencyMs, Date.now())) return;
    const state = await this.stub(provider).record({
      model,
      provider,
      ok,
      latencyMs,
      countsAsFailure: failure ? HEALTH_FAILURES.has(failure) : true,
    });
    if (state !== "closed") dropSlice(key);
  }
}
