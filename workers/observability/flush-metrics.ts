/**
 * Sends the isolate's pending metrics (metrics.ts) to the Metrics Durable Object and, in
 * production, to Workers Analytics Engine — after the response, never on its path.
 *
 * Batching: the first invocation that finishes with something pending schedules one flush a
 * short delay later (METRICS_FLUSH_MS, default 1 s) through its own `waitUntil`; invocations
 * finishing meanwhile add to the same batch without scheduling another. So a busy isolate makes
 * at most one round trip to the Metrics object per delay, however many requests it serves.
 * Each flush uses stubs of its own invocation (a Worker must not do I/O for another request).
 *
 * If the object cannot be reached the points are put back for the next flush; if the isolate
 * dies first they are lost (counted nowhere). That is the price of staying off the hot path.
 */
import { log } from "./log";
import { drainMetrics, hasPendingMetrics, restoreMetrics, type MetricPoint } from "./metrics";

/** The one Metrics object's name. */
export const METRICS_OBJECT = "metrics";
const DEFAULT_FLUSH_MS = 1_000;
/** Workers Analytics Engine accepts 250 data points per invocation. */
const ANALYTICS_POINTS_PER_FLUSH = 200;

export type MetricsEnv = Pick<Env, "METRICS"> & {
  METRICS_AE?: AnalyticsEngineDataset;
  METRICS_FLUSH_MS?: string;
};

let scheduled = false;

/** Schedules a flush unless one is already due in this isolate. Cheap when nothing is pending. */
export function flushMetricsSoon(env: MetricsEnv, waitUntil: (p: Promise<unknown>) => void): void {
  if (scheduled || !hasPendingMetrics()) return;
  scheduled = true;
  const delay = Number(env.METRICS_FLUSH_MS ?? DEFAULT_FLUSH_MS);
  waitUntil(flushAfter(env, Number.isFinite(delay) ? Math.max(0, delay) : DEFAULT_FLUSH_MS));
}

async function flushAfter(env: MetricsEnv, delayMs: number): Promise<void> {
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  scheduled = false;
  await flushMetricsNow(env);
}

/**
 * Sends what is pending now and waits for it: for readers of the figures (/metrics, the
 * summary), so what this isolate counted is included. Never on a request's hot path.
 */
export async function flushMetricsNow(env: MetricsEnv): Promise<void> {
  const { points, dropped } = drainMetrics();
  if (dropped > 0) log.warn("metrics points dropped: too many distinct series pending", { dropped });
  if (points.length === 0) return;
  writeAnalytics(env.METRICS_AE, points);
  try {
    const store = env.METRICS.get(env.METRICS.idFromName(METRICS_OBJECT));
    await store.add(points, Date.now());
  } catch (err) {
    restoreMetrics(points);
    log.warn("metrics flush failed; points kept for the next flush", { points: points.length, error: err });
  }
}

/**
 * One Analytics Engine data point per aggregated figure: blobs name, labels, field, tenant;
 * double the value; indexed (sampled) by tenant. Query with the SQL API, e.g.
 * `SELECT blob1, SUM(double1) FROM tsumugi_metrics WHERE index1 = 'tenant' GROUP BY blob1`.
 */
function writeAnalytics(dataset: AnalyticsEngineDataset | undefined, points: MetricPoint[]): void {
  if (!dataset) return;
  for (const p of points.slice(0, ANALYTICS_POINTS_PER_FLUSH)) {
    dataset.writeDataPoint({
      blobs: [p.name, p.labels, p.field, p.tenant],
      doubles: [p.value],
      indexes: [p.tenant || "-"],
    });
  }
}
