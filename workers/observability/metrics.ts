/**
 * The metrics recorder: counting is a Map update in this isolate, nothing more, so it can sit on
 * any hot path (a chat completion, a step). `flushMetricsSoon` (flush-metrics.ts) sends what
 * piled up to the Metrics Durable Object after the response, in `waitUntil`.
 *
 * @example
 * metrics.count("tsumugi_provider_calls_total", { provider, model, outcome: "ok" }, 1, tenantId);
 * metrics.observe("tsumugi_provider_call_duration_seconds", { provider, model }, 0.42, tenantId);
 *
 * Points are kept per tenant ("" when the event belongs to no tenant, e.g. a breaker changing
 * state), so a tenant's dashboard can show its own figures and nobody else's.
 */
import { BUCKETS_SECONDS, type CounterName, type HistogramName, type StoredMetric } from "./metric-catalog";

export type Labels = Record<string, string>;

/** One aggregated figure: a counter's increment, or a histogram's count, sum or bucket. */
export type MetricPoint = {
  name: StoredMetric;
  /** Label names and values as JSON with sorted keys, so one series always has one spelling. */
  labels: string;
  tenant: string;
  /** "" for a counter; "count", "sum" or "le:<bound>" (not cumulative) for a histogram. */
  field: string;
  value: number;
};

/** A runaway label (an id used as a label by mistake) must not exhaust the isolate's memory. */
const MAX_PENDING = 5_000;
const MAX_LABEL_CHARS = 120;

const pending = new Map<string, MetricPoint>();
let dropped = 0;

function encodeLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  const sorted: Labels = {};
  for (const k of keys) sorted[k] = String(labels[k]).slice(0, MAX_LABEL_CHARS);
  return JSON.stringify(sorted);
}

/**
 * Whether this isolate records at all: METRICS_COLLECTION = "off" (set by the entry points via
 * `setMetricsCollection`) turns every count into a no-op — only for measuring what collection
 * costs (docs/operations.md), never a production setting.
 */
let collecting = true;

export function setMetricsCollection(env: { METRICS_COLLECTION?: string }): void {
  collecting = env.METRICS_COLLECTION !== "off";
}

function add(name: StoredMetric, labels: string, tenant: string, field: string, value: number): void {
  if (!collecting || !Number.isFinite(value)) return;
  const key = `${tenant}\u0001${name}\u0001${labels}\u0001${field}`;
  const point = pending.get(key);
  if (point) {
    point.value += value;
  } else if (pending.size < MAX_PENDING) {
    pending.set(key, { name, labels, tenant, field, value });
  } else {
    dropped += 1;
  }
}

function bucketOf(seconds: number): string {
  for (const bound of BUCKETS_SECONDS) if (seconds <= bound) return `le:${bound}`;
  return "le:+Inf";
}

export const metrics = {
  count(name: CounterName, labels: Labels = {}, value = 1, tenantId = ""): void {
    add(name, encodeLabels(labels), tenantId, "", value);
  },
  observe(name: HistogramName, labels: Labels, seconds: number, tenantId = ""): void {
    const encoded = encodeLabels(labels);
    add(name, encoded, tenantId, "count", 1);
    add(name, encoded, tenantId, "sum", seconds);
    add(name, encoded, tenantId, bucketOf(seconds), 1);
  },
};

/** Whether anything waits to be flushed. */
export function hasPendingMetrics(): boolean {
  return pending.size > 0;
}

/** Takes everything recorded so far (the flush owns it from here). */
export function drainMetrics(): { points: MetricPoint[]; dropped: number } {
  const points = [...pending.values()];
  pending.clear();
  const lost = dropped;
  dropped = 0;
  return { points, dropped: lost };
}

/** Puts points back after a failed flush, so the next one carries them. */
export function restoreMetrics(points: MetricPoint[]): void {
  for (const p of points) add(p.name, p.labels, p.tenant, p.field, p.value);
}
