import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../workers/app";
import { metricsAlertsSchema, type MetricsAlert } from "../../workers/protocol/metrics";
import { api, authed, BASE, createTestKey } from "../support/api";

async function alerts(
  key: string,
  vars: Partial<Record<keyof Env, string>> = {},
): Promise<Map<string, MetricsAlert>> {
  const ctx = createExecutionContext();
  const res = await (
    await createApp()
  ).fetch(new Request(`${BASE}/v1/metrics/alerts`, authed(key)), { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(200);
  const body = metricsAlertsSchema.parse(await res.json());
  return new Map(body.alerts.map((a) => [a.name, a]));
}

describe("GET /v1/metrics/alerts", () => {
  it("evaluates the seeds' rules on the tenant's summary, with honest unknowns", async () => {
    const { key } = await createTestKey();
    await api("/v1/workflows", authed(key));
    const found = await alerts(key);
    expect([...found.keys()]).toEqual([
      "high-error-rate",
      "slow-requests",
      "queue-backlog",
      "cost-overrun",
      "breaker-open",
      "memory",
    ]);
    // One request is too few to judge an error rate; memory cannot be measured in a Worker.
    expect(found.get("high-error-rate")).toMatchObject({ state: "unknown", threshold: 0.01 });
    expect(found.get("memory")).toMatchObject({ state: "unknown" });
    expect(found.get("slow-requests")).toMatchObject({ state: "ok", threshold: 5000 });
    expect(found.get("queue-backlog")).toMatchObject({ state: "ok", value: 0, threshold: 1000 });
    expect(found.get("cost-overrun")).toMatchObject({ state: "ok", value: 0, threshold: 50 });
  });

  it("fires a rule whose threshold is crossed, thresholds coming from vars", async () => {
    const { key } = await createTestKey();
    await api("/v1/workflows", authed(key));
    const found = await alerts(key, { ALERT_P95_LATENCY_MS: "0" });
    expect(found.get("slow-requests")).toMatchObject({ state: "firing", threshold: 0 });
    expect(found.get("slow-requests")!.value).toBeGreaterThan(0);
  });

  it("fires breaker-open while a provider's breaker is open", async () => {
    const model = `alert-${crypto.randomUUID()}`;
    const guard = env.PROVIDER_GUARD.get(env.PROVIDER_GUARD.idFromName("anthropic"));
    for (let i = 0; i < 5; i++) await guard.record({ model, provider: "anthropic", ok: false, latencyMs: 1 });
    const { key } = await createTestKey();
    expect((await alerts(key)).get("breaker-open")).toMatchObject({ state: "firing" });
    await guard.record({ model, provider: "anthropic", ok: true, latencyMs: 1 });
  });
});
