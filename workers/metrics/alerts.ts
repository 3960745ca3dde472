/**
 * The alert rules of ops/prometheus/alerts.yml, evaluated in the product on a tenant's summary
 * (GET /v1/metrics/alerts): the seeds' thresholds by default, each overridable by a var
 * (ALERT_ERROR_RATE, ALERT_P95_LATENCY_MS, ALERT_QUEUE_BACKLOG, ALERT_DAILY_COST_USD).
 * The error rate needs MIN_REQUESTS requests in the window, so one failure of two is no alarm.
 */
import type { AlertState, MetricsAlert, MetricsSummary } from "../protocol/metrics";

export const ALERT_DEFAULTS = {
  errorRate: 0.01,
  p95LatencyMs: 5_000,
  queueBacklog: 1_000,
  dailyCostUsd: 50,
};
const MIN_REQUESTS = 20;

type AlertEnv = {
  ALERT_ERROR_RATE?: string;
  ALERT_P95_LATENCY_MS?: string;
  ALERT_QUEUE_BACKLOG?: string;
  ALERT_DAILY_COST_USD?: string;
};

function setting(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n >= 0 ? n : fallback;
}

const DAYS: Record<MetricsSummary["window"], number> = { "1h": 1 / 24, "24h": 1, "7d": 7 };

export function evaluateAlerts(s: MetricsSummary, env: AlertEnv): MetricsAlert[] {
  const t = {
    errorRate: setting(env.ALERT_ERROR_RATE, ALERT_DEFAULTS.errorRate),
    p95LatencyMs: setting(env.ALERT_P95_LATENCY_MS, ALERT_DEFAULTS.p95LatencyMs),
    queueBacklog: setting(env.ALERT_QUEUE_BACKLOG, ALERT_DEFAULTS.queueBacklog),
    costUsd: setting(env.ALERT_DAILY_COST_USD, ALERT_DEFAULTS.dailyCostUsd) * DAYS[s.window],
  };
  const rule = (
    name: string,
    value: number | null,
    threshold: number,
    summary: string,
    state: AlertState = value === null ? "unknown" : value > threshold ? "firing" : "ok",
  ): MetricsAlert => ({ name, state, value, threshold, summary, runbook: `docs/operations.md#${name}` });
  return [
    rule(
      "high-error-rate",
      s.requests.total >= MIN_REQUESTS ? s.requests.errorRate : null,
      t.errorRate,
      "Share of your API requests answered 5xx",
    ),
    rule("slow-requests", s.requests.p95Ms, t.p95LatencyMs, "p95 latency of your API requests (ms)"),
    rule("queue-backlog", s.queue.tasksQueued, t.queueBacklog, "Your gateway tasks waiting in the queue"),
    rule("cost-overrun", s.gateway.costUsd, t.costUsd, "Your provider spending in the window (USD)"),
    rule("breaker-open", s.openBreakers.length, 0, "Provider models whose circuit breaker is open"),
    rule("memory", null, 0, "Not measurable from inside a Worker (see the runbook)", "unknown"),
  ];
}
