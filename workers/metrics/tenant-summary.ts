/**
 * A tenant's MetricsSummary over a window, read where the figures live: its rows in the Metrics
 * object, its runs and queued tasks in D1, the providers' breakers. Used by the dashboard routes
 * and by the cron's alert evaluation.
 */
import { flushMetricsNow, METRICS_OBJECT } from "../observability/flush-metrics";
import type { MetricsSummary } from "../protocol/metrics";
import { breakerGauges, storedGauges } from "./gauges";
import { buildSummary, WINDOW_MS } from "./summary";

export async function summaryFor(
  env: Env,
  tenantId: string,
  window: MetricsSummary["window"],
  now: number = Date.now(),
): Promise<MetricsSummary> {
  const since = now - WINDOW_MS[window];
  await flushMetricsNow(env);
  const store = env.METRICS.get(env.METRICS.idFromName(METRICS_OBJECT));
  const [rows, stored, breakers] = await Promise.all([
    store.tenantSince(tenantId, since),
    storedGauges(env.DB, tenantId),
    breakerGauges(env.PROVIDER_GUARD),
  ]);
  return buildSummary(rows, stored, breakers, window, since, now);
}
