/**
 * Builds a tenant's MetricsSummary (workers/protocol/metrics.ts) from its window rows in the
 * Metrics object, its runs and queued tasks (D1) and the providers' breakers (shared state).
 */
import type { MetricRow } from "../../durable-objects/metrics-store";
import type { MetricsSummary } from "../protocol/metrics";
import type { GaugeSample } from "./prometheus";
import { mergeBuckets, quantileSeconds, quantilesMs } from "./quantile";
import { groupSeries, total, type Series } from "./series";

export const WINDOW_MS: Record<MetricsSummary["window"], number> = {
  "1h": 60 * 60_000,
  "24h": 24 * 60 * 60_000,
  "7d": 7 * 24 * 60 * 60_000,
};

const named = (series: Series[], name: string) => series.filter((s) => s.name === name);
const round = (n: number, digits = 6) => Number(n.toFixed(digits));

function stepSummary(series: Series[]): MetricsSummary["steps"] {
  const durations = named(series, "tsumugi_step_duration_seconds");
  const finished = (where: Record<string, string>) => total(series, "tsumugi_steps_finished_total", where);
  return {
    started: total(series, "tsumugi_steps_started_total"),
    ok: finished({ outcome: "ok" }),
    failed: finished({ outcome: "failed" }),
    retried: finished({ outcome: "retry" }),
    ...quantilesMs(mergeBuckets(durations)),
    byHandler: durations.map((s) => ({
      pipeline: s.labels.pipeline ?? "",
      handler: s.labels.handler ?? "",
      count: s.count,
      failed: finished({
        pipeline: s.labels.pipeline ?? "",
        handler: s.labels.handler ?? "",
        outcome: "failed",
      }),
      ...quantilesMs(s.buckets),
    })),
  };
}

function providerSummary(series: Series[]): MetricsSummary["providers"] {
  return named(series, "tsumugi_provider_call_duration_seconds").map((s) => {
    const where = { provider: s.labels.provider ?? "", model: s.labels.model ?? "" };
    const calls = total(series, "tsumugi_provider_calls_total", where);
    return {
      ...where,
      calls,
      failures: calls - total(series, "tsumugi_provider_calls_total", { ...where, outcome: "ok" }),
      tokensIn: total(series, "tsumugi_provider_tokens_total", { ...where, direction: "in" }),
      tokensOut: total(series, "tsumugi_provider_tokens_total", { ...where, direction: "out" }),
      costUsd: round(total(series, "tsumugi_provider_cost_usd_total", where)),
      ...quantilesMs(s.buckets),
    };
  });
}

function byLabel(series: Series[], name: string, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of named(series, name)) {
    const key = s.labels[label] ?? "";
    out[key] = (out[key] ?? 0) + s.value;
  }
  return out;
}

export function buildSummary(
  rows: MetricRow[],
  stored: GaugeSample[],
  breakers: GaugeSample[],
  window: MetricsSummary["window"],
  since: number,
  now: number,
): MetricsSummary {
  const series = groupSeries(rows);
  const requests = named(series, "tsumugi_http_requests_total");
  const countStatus = (test: (status: number) => boolean) =>
    requests.filter((s) => test(Number(s.labels.status))).reduce((a, s) => a + s.value, 0);
  const requestTotal = countStatus(() => true);
  const errors = countStatus((st) => st >= 500);
  const lag = mergeBuckets(named(series, "tsumugi_queue_lag_seconds"));
  const waits = mergeBuckets(named(series, "tsumugi_review_wait_seconds"));
  const seconds = (q: number, b: Map<string, number>) => {
    const s = quantileSeconds(b, q);
    return s === null ? null : round(s, 3);
  };
  const lagMs = (q: number) => {
    const s = quantileSeconds(lag, q);
    return s === null ? null : Math.round(s * 1000);
  };
  return {
    window,
    since: new Date(since).toISOString(),
    generatedAt: new Date(now).toISOString(),
    requests: {
      total: requestTotal,
      errors,
      rejected: countStatus((st) => st >= 400 && st < 500),
      errorRate: requestTotal ? round(errors / requestTotal) : 0,
      ...quantilesMs(mergeBuckets(named(series, "tsumugi_http_request_duration_seconds"))),
    },
    steps: stepSummary(series),
    queue: {
      lagP50Ms: lagMs(0.5),
      lagP95Ms: lagMs(0.95),
      tasksQueued: stored.find((g) => g.name === "tsumugi_queue_backlog")?.value ?? 0,
    },
    runs: Object.fromEntries(
      stored.filter((g) => g.name === "tsumugi_runs").map((g) => [g.labels.status ?? "", g.value]),
    ),
    providers: providerSummary(series),
    gateway: {
      retries: total(series, "tsumugi_provider_retries_total"),
      fallbacks: total(series, "tsumugi_provider_fallbacks_total"),
      rateLimitWaits: total(series, "tsumugi_rate_limit_waits_total"),
      rateLimitWaitMs: Math.round(total(series, "tsumugi_rate_limit_wait_seconds_total") * 1000),
      cacheHits: total(series, "tsumugi_cache_lookups_total", { result: "hit" }),
      cacheMisses: total(series, "tsumugi_cache_lookups_total", { result: "miss" }),
      costUsd: round(total(series, "tsumugi_provider_cost_usd_total")),
      tokensIn: total(series, "tsumugi_provider_tokens_total", { direction: "in" }),
      tokensOut: total(series, "tsumugi_provider_tokens_total", { direction: "out" }),
    },
    reviews: {
      actions: byLabel(series, "tsumugi_review_actions_total", "action"),
      waitP50Seconds: seconds(0.5, waits),
      waitP95Seconds: seconds(0.95, waits),
    },
    openBreakers: breakers
      .filter((g) => g.value > 0)
      .map((g) => ({ provider: g.labels.provider ?? "", model: g.labels.model ?? "" })),
  };
}
