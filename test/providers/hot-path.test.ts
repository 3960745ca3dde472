/**
 * The gateway's hot path without round trips (issue 16): rate-limit tokens and closed-breaker
 * news are leased to the isolate, usage rows are written after the answer. What a caller must
 * still see: limits that hold, breakers that are honoured, usage that appears.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FAILURE_THRESHOLD } from "../../durable-objects/provider-guard";
import { createApp } from "../../workers/app";
import { createGateway } from "../../workers/providers/gateway";
import { BREAKER_TTL_MS } from "../../workers/providers/guard-lease";
import { api, authed, BASE, createTestKey, jsonBody } from "../support/api";
import { fakeEnv, upstreamCalls, uniqueModel } from "../support/fake-upstream-env";

/** A gateway whose bookkeeping runs "after the answer", as in a request; `settle` awaits it. */
function requestGateway(tenantId: string) {
  let pending: Promise<unknown>[] = [];
  const gw = createGateway(fakeEnv(["openai", "anthropic"]), {
    tenantId,
    retry: { maxAttempts: 1 },
    waitUntil: (p) => pending.push(p),
  });
  const settle = async () => {
    while (pending.length) {
      const now = pending;
      pending = [];
      await Promise.allSettled(now);
    }
  };
  return { gw, settle };
}

const ask = (model: string) => ({
  messages: [{ role: "user" as const, content: "REPLY: fine" }],
  maxTokens: 5,
  cache: false,
  providers: ["openai" as const, "anthropic" as const],
  models: { openai: model },
});

describe("leased rate limits", () => {
  it("still answers 429 with Retry-After once a key's limit is spent, however it was sliced", async () => {
    const { key } = await createTestKey();
    // 60 a minute: each isolate leases 2 at a time, so the limit is spread over many leases.
    const limited = { ...env, GATEWAY_KEY_RPM: "60" } as unknown as Env;
    const started = Date.now();
    const statuses: number[] = [];
    const retryAfter: number[] = [];
    for (let round = 0; round < 8; round++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const ctx = createExecutionContext();
          const res = await (
            await createApp()
          ).request(
            `${BASE}/v1/chat/completions`,
            authed(key, jsonBody({ model: "offline", messages: [{ role: "user", content: "hi" }] })),
            limited,
            ctx,
          );
          await waitOnExecutionContext(ctx);
          if (res.status === 429) retryAfter.push(Number(res.headers.get("Retry-After")));
          return res.status;
        }),
      );
      statuses.push(...answers);
    }
    const passed = statuses.filter((s) => s === 200).length;
    // The bucket holds 60 and refills one a second while the test runs.
    const refilled = Math.ceil((Date.now() - started) / 1000);
    expect(passed).toBeGreaterThanOrEqual(58);
    expect(passed).toBeLessThanOrEqual(60 + refilled);
    expect(statuses.filter((s) => s === 429).length).toBe(80 - passed);
    expect(retryAfter.length).toBeGreaterThan(0);
    for (const seconds of retryAfter) expect(seconds).toBeGreaterThanOrEqual(1);
  });
});

describe("cached breaker state", () => {
  it("honours a breaker opened by this isolate's own failures on the next call", async () => {
    const bad = uniqueModel("fail-500");
    const { gw, settle } = requestGateway("t-hot-breaker");
    for (let i = 0; i < FAILURE_THRESHOLD; i++) {
      expect((await gw.generateText(ask(bad))).provider).toBe("anthropic");
      await settle();
    }
    const out = await gw.generateText(ask(bad));
    expect(out.provider).toBe("anthropic");
    expect(out.attempts).toMatchObject([{ provider: "openai", classification: "circuit_open" }]);
    expect(await upstreamCalls(bad)).toBe(FAILURE_THRESHOLD);
  });

  it("honours a breaker opened elsewhere within BREAKER_TTL_MS", async () => {
    const model = uniqueModel("ok");
    const { gw, settle } = requestGateway("t-hot-breaker-2");
    // This isolate leases a slice: the breaker is closed.
    expect((await gw.generateText(ask(model))).provider).toBe("openai");
    await settle();
    // Another isolate sees the provider fail and opens the breaker.
    const guard = env.PROVIDER_GUARD.get(env.PROVIDER_GUARD.idFromName("openai"));
    for (let i = 0; i < FAILURE_THRESHOLD; i++)
      await guard.record({ model, provider: "openai", ok: false, latencyMs: 5 });
    await new Promise((r) => setTimeout(r, BREAKER_TTL_MS + 100));
    const calls = await upstreamCalls(model);
    const out = await gw.generateText(ask(model));
    expect(out.provider).toBe("anthropic");
    expect(out.attempts).toMatchObject([{ provider: "openai", classification: "circuit_open" }]);
    expect(await upstreamCalls(model)).toBe(calls);
  });
});

describe("usage after the answer", () => {
  it("writes a usage row for every completion shortly after the responses", async () => {
    const { key, tenantId } = await createTestKey();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api(
          "/v1/chat/completions",
          authed(key, jsonBody({ model: "offline", messages: [{ role: "user", content: `usage ${i}` }] })),
        ),
      ),
    );
    for (const res of answers) expect(res.status).toBe(200);
    let rows = 0;
    for (let i = 0; i < 50 && rows < 12; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const row = await env.DB.prepare("SELECT count(*) AS n FROM usage_records WHERE tenant_id = ?")
        .bind(tenantId)
        .first<{ n: number }>();
      rows = row?.n ?? 0;
    }
    expect(rows).toBe(12);
  });
});
