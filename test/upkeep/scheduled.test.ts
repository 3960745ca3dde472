/** The Cron Trigger's handler, called as workerd calls it (scheduled event), on real D1 and the Metrics object. */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { METRICS_OBJECT } from "../../workers/observability/flush-metrics";
import { METRICS_WINDOW_MS } from "../../durable-objects/metrics-store";
import { METRICS_RETENTION_MS } from "../../workers/upkeep/run-upkeep";

async function cacheRow(key: string, expiresAt: number): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO gateway_cache (key, provider, model, body, expires_at) VALUES (?, 'offline', 'm', '{}', ?)",
  )
    .bind(key, expiresAt)
    .run();
}

async function scheduled(now: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ scheduledTime: now, cron: "*/15 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("scheduled upkeep", () => {
  it("purges expired cache rows and keeps live ones", async () => {
    const now = Date.now();
    const expired = `expired-${crypto.randomUUID()}`;
    const live = `live-${crypto.randomUUID()}`;
    await cacheRow(expired, now - 1_000);
    await cacheRow(live, now + 60_000);
    await scheduled(now);
    const keys = await env.DB.prepare("SELECT key FROM gateway_cache WHERE key IN (?, ?)")
      .bind(expired, live)
      .all<{ key: string }>();
    expect(keys.results.map((r) => r.key)).toEqual([live]);
  });

  it("drops metrics windows past retention but keeps the totals and recent windows", async () => {
    const store = env.METRICS.get(env.METRICS.idFromName(METRICS_OBJECT));
    const tenant = `upkeep-${crypto.randomUUID()}`;
    const now = Date.now();
    const point = {
      name: "tsumugi_budget_rejections_total" as const,
      labels: `{"scope":"${tenant}"}`,
      tenant,
      field: "",
      value: 1,
    };
    await store.add([point], now - METRICS_RETENTION_MS - 2 * METRICS_WINDOW_MS);
    await store.add([point], now);
    expect(await store.tenantSince(tenant, 0)).toEqual([expect.objectContaining({ value: 2 })]);
    await scheduled(now);
    expect(await store.tenantSince(tenant, 0)).toEqual([expect.objectContaining({ value: 1 })]);
    const totals = (await store.totals()).filter((r) => r.labels === point.labels);
    expect(totals).toEqual([expect.objectContaining({ value: 2 })]);
  });
});
