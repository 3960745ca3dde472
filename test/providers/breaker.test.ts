import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FAILURE_THRESHOLD, OPEN_MS } from "../../durable-objects/provider-guard";
import { createGateway } from "../../workers/providers/gateway";
import { fakeEnv, upstreamCalls, uniqueModel } from "../support/fake-upstream-env";

const guard = (name: string) => env.PROVIDER_GUARD.get(env.PROVIDER_GUARD.idFromName(name));
const fail = { ok: false, latencyMs: 5 } as const;

describe("circuit breaker (ProviderGuard)", () => {
  it("opens after 5 consecutive failures and refuses calls for 60 s", async () => {
    const g = guard(`p-${crypto.randomUUID()}`);
    const t0 = 1_000_000;
    for (let i = 0; i < FAILURE_THRESHOLD - 1; i++) {
      expect(await g.admit({ model: "m", now: t0 })).toEqual({ ok: true, probe: false });
      expect(await g.record({ model: "m", ...fail, now: t0 })).toBe("closed");
    }
    expect(await g.record({ model: "m", ...fail, now: t0 })).toBe("open");
    expect(await g.admit({ model: "m", now: t0 + OPEN_MS - 1 })).toEqual({
      ok: false,
      reason: "circuit_open",
      retryAfterMs: 1,
    });
    const [snap] = await g.snapshot(t0);
    expect(snap).toMatchObject({
      model: "m",
      state: "open",
      consecutive_failures: 5,
      opened_at: t0,
      success_rate: 0,
    });
  });

  it("lets exactly one probe through when half-open, closes on its success", async () => {
    const g = guard(`p-${crypto.randomUUID()}`);
    const t0 = 1_000_000;
    for (let i = 0; i < FAILURE_THRESHOLD; i++) await g.record({ model: "m", ...fail, now: t0 });
    const later = t0 + OPEN_MS;
    const admissions = await Promise.all(
      Array.from({ length: 10 }, () => g.admit({ model: "m", now: later })),
    );
    expect(admissions.filter((a) => a.ok)).toEqual([{ ok: true, probe: true }]);
    expect(await g.record({ model: "m", ok: true, latencyMs: 7, now: later })).toBe("closed");
    expect(await g.admit({ model: "m", now: later })).toEqual({ ok: true, probe: false });
  });

  it("opens again when the half-open probe fails", async () => {
    const g = guard(`p-${crypto.randomUUID()}`);
    const t0 = 1_000_000;
    for (let i = 0; i < FAILURE_THRESHOLD; i++) await g.record({ model: "m", ...fail, now: t0 });
    const later = t0 + OPEN_MS + 5;
    expect(await g.admit({ model: "m", now: later })).toEqual({ ok: true, probe: true });
    expect(await g.record({ model: "m", ...fail, now: later })).toBe("open");
    expect(await g.admit({ model: "m", now: later + 1 })).toMatchObject({
      ok: false,
      reason: "circuit_open",
    });
  });

  it("does not count a caller's invalid request against the provider", async () => {
    const g = guard(`p-${crypto.randomUUID()}`);
    for (let i = 0; i < 10; i++)
      await g.record({ model: "m", ok: false, latencyMs: 1, countsAsFailure: false });
    expect((await g.snapshot())[0]).toMatchObject({ state: "closed", consecutive_failures: 0 });
  });

  it("stops calling a failing provider and falls back once its breaker is open", async () => {
    const bad = uniqueModel("fail-500");
    const gw = createGateway(fakeEnv(["openai", "anthropic"]), {
      tenantId: "t-breaker",
      retry: { maxAttempts: 1 },
    });
    const req = {
      messages: [{ role: "user" as const, content: "REPLY: fallback" }],
      maxTokens: 5,
      cache: false,
      providers: ["openai" as const, "anthropic" as const],
      models: { openai: bad },
    };
    for (let i = 0; i < FAILURE_THRESHOLD; i++)
      expect((await gw.generateText(req)).provider).toBe("anthropic");
    expect(await upstreamCalls(bad)).toBe(FAILURE_THRESHOLD);
    const out = await gw.generateText(req);
    expect(out.provider).toBe("anthropic");
    expect(out.attempts).toMatchObject([{ provider: "openai", classification: "circuit_open" }]);
    expect(await upstreamCalls(bad)).toBe(FAILURE_THRESHOLD);
  });

  it("keeps a shared per-provider token bucket", async () => {
    const g = guard(`p-${crypto.randomUUID()}`);
    const now = 5_000_000;
    expect(await g.admit({ model: "m", rpm: 2, now })).toMatchObject({ ok: true });
    expect(await g.admit({ model: "m", rpm: 2, now })).toMatchObject({ ok: true });
    expect(await g.admit({ model: "m", rpm: 2, now })).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterMs: 30_000,
    });
    expect(await g.admit({ model: "m", rpm: 2, now: now + 30_000 })).toMatchObject({ ok: true });
  });
});
