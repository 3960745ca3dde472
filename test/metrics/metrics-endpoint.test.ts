import { describe, expect, it, vi } from "vitest";
import { api, authed, createTestKey, jsonBody } from "../support/api";
import { METRICS } from "../../workers/observability/metric-catalog";
import { sample, scrape, summary } from "../support/metrics";

async function chat(key: string, content: string): Promise<Response> {
  return api(
    "/v1/chat/completions",
    authed(key, jsonBody({ model: "offline", messages: [{ role: "user", content }] })),
  );
}

describe("GET /metrics", () => {
  it("needs the metrics token, not an API key", async () => {
    expect((await api("/metrics")).status).toBe(401);
    const wrong = await api("/metrics", { headers: { Authorization: "Bearer not-the-token" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "unauthorized" } });
    const { key } = await createTestKey();
    expect((await api("/metrics", authed(key))).status).toBe(401);
  });

  it("is valid Prometheus text that declares every metric of the catalogue", async () => {
    const { key } = await createTestKey();
    expect((await chat(key, "Parsers are strict. Metrics must be valid.")).status).toBe(200);
    const res = await api("/metrics", { headers: { Authorization: "Bearer dev-metrics-token" } });
    expect(res.headers.get("Content-Type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const s = await scrape();
    const declared = new Map(s.families.map((f) => [f.name, f.type]));
    for (const [name, spec] of Object.entries(METRICS))
      expect(declared.get(name)).toBe(spec.kind.toUpperCase());
    // Every sample line belongs to a declared family (the parser would name it otherwise).
    expect(s.families.every((f) => f.name in METRICS)).toBe(true);
  });

  it("counts requests by route pattern and status, and their durations", async () => {
    const before = await scrape();
    const { key } = await createTestKey();
    const missing = await api(`/v1/workflows/wf_${crypto.randomUUID().replace(/-/g, "")}`, authed(key));
    expect(missing.status).toBe(404);
    await api("/v1/workflows", authed(key));
    await api("/v1/workflows", authed(key));
    await vi.waitFor(async () => {
      const after = await scrape();
      const route = { route: "/v1/workflows/:id", status: "404" };
      expect(
        sample(after, "tsumugi_http_requests_total", route) -
          sample(before, "tsumugi_http_requests_total", route),
      ).toBeGreaterThanOrEqual(1);
      const list = { route: "/v1/workflows", method: "GET", status: "200" };
      expect(
        sample(after, "tsumugi_http_requests_total", list) -
          sample(before, "tsumugi_http_requests_total", list),
      ).toBeGreaterThanOrEqual(2);
      // Route patterns, never raw paths: one series per endpoint, not per run.
      expect(after.text).not.toMatch(/route="[^"]*wf_/);
    });
    // Durations (histograms) are read through the tenant's summary: the parser used here
    // (parse-prometheus-text-format) keeps only the buckets of a labelled histogram.
    const mine = await summary(key);
    expect(mine.requests).toMatchObject({ total: 3, errors: 0, rejected: 1, errorRate: 0 });
    expect(mine.requests.p50Ms).not.toBeNull();
  });

  it("counts provider calls, tokens and cache hits", async () => {
    const before = await scrape();
    const { key } = await createTestKey();
    const content = `Cached once. Served twice. ${crypto.randomUUID()}`;
    expect((await chat(key, content)).status).toBe(200);
    expect((await chat(key, content)).headers.get("X-Tsumugi-Cache")).toBe("hit");
    await vi.waitFor(async () => {
      const after = await scrape();
      const delta = (name: string, where: Record<string, string>) =>
        sample(after, name, where) - sample(before, name, where);
      expect(
        delta("tsumugi_provider_calls_total", { provider: "offline", outcome: "ok" }),
      ).toBeGreaterThanOrEqual(1);
      expect(delta("tsumugi_cache_lookups_total", { result: "hit" })).toBeGreaterThanOrEqual(1);
      expect(delta("tsumugi_cache_lookups_total", { result: "miss" })).toBeGreaterThanOrEqual(1);
      expect(
        delta("tsumugi_provider_tokens_total", { provider: "offline", direction: "in" }),
      ).toBeGreaterThan(0);
    });
    const mine = await summary(key);
    expect(mine.providers).toEqual([
      expect.objectContaining({
        provider: "offline",
        model: "extractive-1",
        calls: 1,
        failures: 0,
        costUsd: 0,
      }),
    ]);
    expect(mine.providers[0]!.p50Ms).not.toBeNull();
    expect(mine.gateway).toMatchObject({ cacheHits: 1, cacheMisses: 1 });
    expect(mine.gateway.tokensIn).toBeGreaterThan(0);
  });
});
