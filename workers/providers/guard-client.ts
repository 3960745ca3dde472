/**
 * The router's view of ProviderGuard: admit a call (breaker + provider buckets) and report its
 * outcome. Offline is never guarded: it cannot fail for provider reasons and has no limits.
 */
import type { Admission } from "./guard-types";
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
  ) {}

  private stub(provider: ProviderName) {
    return this.ns?.get(this.ns.idFromName(provider));
  }

  async admit(provider: ProviderName, model: string, tokens: number): Promise<Admission> {
    const stub = provider === "offline" ? undefined : this.stub(provider);
    if (!stub) return { ok: true, probe: false };
    return stub.admit({ model, provider, tokens, ...PROVIDER_LIMITS[provider], ...this.limits[provider] });
  }

  async record(
    provider: ProviderName,
    model: string,
    ok: boolean,
    latencyMs: number,
    failure?: ErrorClass,
  ): Promise<void> {
    const stub = provider === "offline" ? undefined : this.stub(provider);
    if (!stub) return;
    await stub.record({
      model,
      provider,
      ok,
      latencyMs,
      countsAsFailure: failure ? HEALTH_FAILURES.has(failure) : true,
    });
  }
}
