import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RESERVATION_TTL_MS } from "../../durable-objects/budget-ledger";
import { BudgetExceededError, createGateway } from "../../workers/providers/gateway";
import { estimateInputTokens } from "../../workers/providers/generate-text";
import { fakeEnv, upstreamCalls, uniqueModel } from "../support/fake-upstream-env";

describe("cache", () => {
  it("answers a repeated request from the cache: no provider call, zero cost, counted", async () => {
    const model = uniqueModel("ok");
    const gw = createGateway(fakeEnv(["openai"]), { tenantId: "t-cache", runId: "run-cache" });
    const req = {
      messages: [{ role: "user" as const, content: "REPLY: cached words" }],
      maxTokens: 20,
      model: `openai/${model}`,
    };
    const first = await gw.generateText(req);
    expect(first.usage).toMatchObject({ cached: false });
    expect(first.usage.costUsd).toBeGreaterThan(0);
    const second = await gw.generateText(req);
    expect(second.text).toBe("cached words");
    expect(second.usage).toMatchObject({ cached: true, costUsd: 0 });
    expect(await upstreamCalls(model)).toBe(1);

    const bypass = await gw.generateText({ ...req, cache: false });
    expect(bypass.usage.cached).toBe(false);
    expect(await upstreamCalls(model)).toBe(2);

    const hits = await env.DB.prepare("SELECT hits FROM gateway_cache WHERE model = ?")
      .bind(model)
      .first<{ hits: number }>();
    expect(hits?.hits).toBe(1);
    const usage = await env.DB.prepare(
      "SELECT cached, cost_usd FROM usage_records WHERE workflow_id = 'run-cache' ORDER BY created_at",
    ).all<{ cached: number; cost_usd: number }>();
    expect(usage.results.map((r) => r.cached)).toEqual([0, 1, 0]);
  });

  it("misses when any parameter differs", async () => {
    const model = uniqueModel("ok");
    const gw = createGateway(fakeEnv(["openai"]), { tenantId: "t-cache" });
    const base = {
      messages: [{ role: "user" as const, content: "REPLY: x" }],
      maxTokens: 20,
      model: `openai/${model}`,
    };
    await gw.generateText(base);
    await gw.generateText({ ...base, temperature: 0.5 });
    await gw.generateText({ ...base, system: "different" });
    expect(await upstreamCalls(model)).toBe(3);
  });
});

describe("budgets", () => {
  it("never lets 50 concurrent calls overshoot a small run budget", async () => {
    const runId = `run-${crypto.randomUUID()}`;
    const budget = 0.0005;
    const gw = createGateway(fakeEnv(["openai"]), {
      tenantId: "t-budget",
      runId,
      budget: { runUsd: budget },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        gw.generateText({
          messages: [{ role: "user", content: `REPLY: answer number ${i}` }],
          maxTokens: 200,
          model: "openai/gpt-5-mini",
          cache: false,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.reason).toBeInstanceOf(BudgetExceededError);
    const spent = ok.reduce((sum, r) => sum + r.value.usage.costUsd, 0);
    expect(spent).toBeLessThanOrEqual(budget);
    const ledger = env.BUDGET_LEDGER.get(env.BUDGET_LEDGER.idFromName(`run:${runId}`));
    const state = await ledger.state();
    expect(state.reservedUsd).toBe(0);
    expect(state.spentUsd).toBeCloseTo(spent, 10);
  });
});

describe("budget ledger", () => {
  it("releases a hold that never settles after its TTL, and still charges a late settle once", async () => {
    const ledger = env.BUDGET_LEDGER.get(env.BUDGET_LEDGER.idFromName(`run:${crypto.randomUUID()}`));
    const t0 = Date.now();
    const held = await ledger.reserve(1, 0.8, t0);
    expect(held.ok).toBe(true);
    expect(await ledger.reserve(1, 0.5, t0)).toMatchObject({ ok: false });
    const later = await ledger.reserve(1, 0.5, t0 + RESERVATION_TTL_MS);
    expect(later.ok).toBe(true);
    if (!held.ok) throw new Error("unreachable");
    expect(await ledger.settle(held.reservationId, 0.3)).toEqual({ spentUsd: 0.3 });
    expect(await ledger.settle(held.reservationId, 0.3)).toEqual({ spentUsd: 0.3 });
  });
});

describe("budget estimates", () => {
  it("counts Japanese text at more than a token a character", () => {
    const call = {
      messages: [{ role: "user" as const, content: "紡ぎは本から記事を作ります。" }],
      maxTokens: 10,
    };
    expect(estimateInputTokens(call)).toBeGreaterThanOrEqual(2 * 14);
  });
});
