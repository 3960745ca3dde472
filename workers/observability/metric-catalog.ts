/**
 * Every metric Tsumugi exports, in one place: the recorder checks names against it, /metrics
 * takes HELP and TYPE from it, and the alerting rules test checks that each rule only uses
 * names listed here. Durations are in seconds and counters end in `_total` (Prometheus naming).
 *
 * `stored` metrics are recorded by the code and kept by the Metrics Durable Object; `scraped`
 * gauges are read from their source of truth when /metrics is asked (D1, the breakers).
 */
export type MetricKind = "counter" | "histogram" | "gauge";

export type MetricSpec = { kind: MetricKind; help: string; source: "stored" | "scraped" };

export const METRICS = {
  tsumugi_http_requests_total: {
    kind: "counter",
    help: "HTTP requests by route pattern, method and status",
    source: "stored",
  },
  tsumugi_http_request_duration_seconds: {
    kind: "histogram",
    help: "HTTP request duration until the response headers, by route pattern",
    source: "stored",
  },
  tsumugi_steps_started_total: {
    kind: "counter",
    help: "Workflow steps a consumer started, by pipeline and handler",
    source: "stored",
  },
  tsumugi_steps_finished_total: {
    kind: "counter",
    help: "Workflow steps finished, by pipeline, handler and outcome (ok, failed, retry)",
    source: "stored",
  },
  tsumugi_step_duration_seconds: {
    kind: "histogram",
    help: "Workflow step duration, by pipeline and handler",
    source: "stored",
  },
  tsumugi_queue_lag_seconds: {
    kind: "histogram",
    help: "Time from enqueue to a consumer starting the message, by queue",
    source: "stored",
  },
  tsumugi_queue_messages_sent_total: {
    kind: "counter",
    help: "Messages sent to a queue by this Worker, by queue",
    source: "stored",
  },
  tsumugi_queue_messages_received_total: {
    kind: "counter",
    help: "Messages a consumer started, by queue",
    source: "stored",
  },
  tsumugi_run_transitions_total: {
    kind: "counter",
    help: "Workflow runs entering a status, by pipeline and status",
    source: "stored",
  },
  tsumugi_provider_calls_total: {
    kind: "counter",
    help: "Provider call attempts by provider, model and outcome (ok or the error class)",
    source: "stored",
  },
  tsumugi_provider_call_duration_seconds: {
    kind: "histogram",
    help: "Provider call attempt duration, by provider and model",
    source: "stored",
  },
  tsumugi_provider_retries_total: {
    kind: "counter",
    help: "Retries of the same provider after a failed attempt, by provider",
    source: "stored",
  },
  tsumugi_provider_fallbacks_total: {
    kind: "counter",
    help: "Calls that moved on to the next provider in the chain, by the provider given up",
    source: "stored",
  },
  tsumugi_rate_limit_waits_total: {
    kind: "counter",
    help: "Waits for a provider's rate-limit bucket, by provider",
    source: "stored",
  },
  tsumugi_rate_limit_wait_seconds_total: {
    kind: "counter",
    help: "Time spent waiting for a provider's rate-limit bucket, by provider",
    source: "stored",
  },
  tsumugi_breaker_transitions_total: {
    kind: "counter",
    help: "Circuit breaker state changes, by provider, model and new state",
    source: "stored",
  },
  tsumugi_cache_lookups_total: {
    kind: "counter",
    help: "Gateway response cache lookups, by result (hit, miss)",
    source: "stored",
  },
  tsumugi_provider_tokens_total: {
    kind: "counter",
    help: "Tokens used, by provider, model and direction (in, out)",
    source: "stored",
  },
  tsumugi_provider_cost_usd_total: {
    kind: "counter",
    help: "Provider cost in US dollars, by provider and model",
    source: "stored",
  },
  tsumugi_budget_rejections_total: {
    kind: "counter",
    help: "Provider calls refused because a budget (run or key) had too little left, by scope",
    source: "stored",
  },
  tsumugi_review_actions_total: {
    kind: "counter",
    help: "Review actions on gates, by pipeline and action",
    source: "stored",
  },
  tsumugi_review_wait_seconds: {
    kind: "histogram",
    help: "Time from a review gate opening to the action that answered it, by pipeline",
    source: "stored",
  },
  tsumugi_steps_in_flight: {
    kind: "gauge",
    help: "Steps started and not yet finished (started minus finished, all isolates)",
    source: "scraped",
  },
  tsumugi_queue_backlog: {
    kind: "gauge",
    help: "Messages waiting in a queue: steps sent minus received; tasks queued in D1",
    source: "scraped",
  },
  tsumugi_runs: {
    kind: "gauge",
    help: "Workflow runs by status (D1 run index)",
    source: "scraped",
  },
  tsumugi_breaker_open: {
    kind: "gauge",
    help: "1 when a provider model's circuit breaker is open or half-open, else 0",
    source: "scraped",
  },
} as const satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof METRICS;
export type StoredMetric = {
  [K in MetricName]: (typeof METRICS)[K]["source"] extends "stored" ? K : never;
}[MetricName];
export type CounterName = {
  [K in StoredMetric]: (typeof METRICS)[K]["kind"] extends "counter" ? K : never;
}[StoredMetric];
export type HistogramName = {
  [K in StoredMetric]: (typeof METRICS)[K]["kind"] extends "histogram" ? K : never;
}[StoredMetric];

/**
 * Histogram bucket upper bounds in seconds: from 5 ms (a cache hit) to 5 minutes (a long
 * provider call or a slow review); 5 s is a bound so the "p95 > 5 s" alert is exact.
 */
export const BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
] as const;
