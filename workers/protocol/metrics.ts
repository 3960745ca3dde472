/**
 * GET /v1/metrics/summary — the calling tenant's own operational figures for a dashboard, over a
 * recent window; and GET /v1/metrics/alerts — the alert rules evaluated on that summary.
 * Durations in milliseconds (review waits in seconds); quantiles are estimated from histogram
 * buckets (linear within a bucket, like Prometheus' histogram_quantile), null without data.
 */
import { z } from "zod";

export const METRICS_WINDOWS = ["1h", "24h", "7d"] as const;

export const metricsSummaryQuerySchema = z.object({
  window: z.enum(METRICS_WINDOWS).default("24h"),
});

const quantiles = {
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
};

export const metricsSummarySchema = z
  .object({
    window: z.enum(METRICS_WINDOWS),
    /** Start of the window (ISO 8601), rounded down to the 5-minute aggregation windows. */
    since: z.string(),
    generatedAt: z.string(),
    requests: z.object({
      total: z.number(),
      /** 5xx answers. */
      errors: z.number(),
      /** 4xx answers (the caller's mistakes: not counted in the error rate). */
      rejected: z.number(),
      /** errors / total, 0 without requests. */
      errorRate: z.number(),
      ...quantiles,
    }),
    steps: z.object({
      started: z.number(),
      ok: z.number(),
      failed: z.number(),
      retried: z.number(),
      ...quantiles,
      byHandler: z.array(
        z.object({
          pipeline: z.string(),
          handler: z.string(),
          count: z.number(),
          failed: z.number(),
          ...quantiles,
        }),
      ),
    }),
    queue: z.object({
      lagP50Ms: z.number().nullable(),
      lagP95Ms: z.number().nullable(),
      /** Gateway tasks of this tenant waiting in the queue now. */
      tasksQueued: z.number(),
    }),
    /** This tenant's runs by status now (the run index). */
    runs: z.record(z.string(), z.number()),
    providers: z.array(
      z.object({
        provider: z.string(),
        model: z.string(),
        calls: z.number(),
        failures: z.number(),
        tokensIn: z.number(),
        tokensOut: z.number(),
        costUsd: z.number(),
        ...quantiles,
      }),
    ),
    gateway: z.object({
      retries: z.number(),
      fallbacks: z.number(),
      rateLimitWaits: z.number(),
      rateLimitWaitMs: z.number(),
      cacheHits: z.number(),
      cacheMisses: z.number(),
      costUsd: z.number(),
      tokensIn: z.number(),
      tokensOut: z.number(),
    }),
    reviews: z.object({
      actions: z.record(z.string(), z.number()),
      waitP50Seconds: z.number().nullable(),
      waitP95Seconds: z.number().nullable(),
    }),
    /** Provider breakers that are not closed (shared by every tenant). */
    openBreakers: z.array(z.object({ provider: z.string(), model: z.string() })),
  })
  .meta({ id: "MetricsSummary" });
export type MetricsSummary = z.infer<typeof metricsSummarySchema>;

export const alertStateSchema = z.enum(["ok", "firing", "unknown"]);
export type AlertState = z.infer<typeof alertStateSchema>;

export const metricsAlertSchema = z.object({
  name: z.string(),
  /** "unknown" when there is not enough data (or, for memory, no way to measure). */
  state: alertStateSchema,
  value: z.number().nullable(),
  threshold: z.number(),
  summary: z.string(),
  runbook: z.string(),
});
export type MetricsAlert = z.infer<typeof metricsAlertSchema>;

export const metricsAlertsSchema = z
  .object({ window: z.enum(METRICS_WINDOWS), alerts: z.array(metricsAlertSchema) })
  .meta({ id: "MetricsAlerts" });
