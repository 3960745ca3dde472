/**
 * GET /metrics — every tenant's figures in the Prometheus text format, for a Prometheus scrape
 * (or Grafana Agent / OpenTelemetry Collector). Behind its own bearer token (METRICS_TOKEN), not
 * an API key: the totals span tenants. Stored counters and histograms come from the Metrics
 * object; gauges are read from D1 and the breakers at scrape time (metrics/gauges.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import { breakerGauges, derivedGauges, storedGauges } from "../../metrics/gauges";
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from "../../metrics/prometheus";
import { groupSeries } from "../../metrics/series";
import { flushMetricsNow, METRICS_OBJECT } from "../../observability/flush-metrics";
import { requireMetricsToken } from "../middleware/metrics-token";
import { apiRouter, errors, raw } from "../openapi";

const route = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["Operations"],
  summary: "Prometheus metrics of every tenant (needs the METRICS_TOKEN bearer token, not an API key)",
  security: [{ metricsToken: [] }],
  middleware: [requireMetricsToken] as const,
  responses: {
    200: raw("text/plain", "Prometheus text exposition format 0.0.4"),
    ...errors(401, 503),
  },
});

export const metricsRoutes = apiRouter().openapi(route, async (c) => {
  await flushMetricsNow(c.env);
  const store = c.env.METRICS.get(c.env.METRICS.idFromName(METRICS_OBJECT));
  const [rows, stored, breakers] = await Promise.all([
    store.totals(),
    storedGauges(c.env.DB),
    breakerGauges(c.env.PROVIDER_GUARD),
  ]);
  const series = groupSeries(rows);
  const body = renderPrometheus(series, [...derivedGauges(series), ...stored, ...breakers]);
  return new Response(body, {
    headers: { "Content-Type": PROMETHEUS_CONTENT_TYPE, "Cache-Control": "no-store" },
  });
});
