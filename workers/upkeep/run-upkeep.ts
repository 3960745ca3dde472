/**
 * Scheduled upkeep, run by the Cron Trigger in wrangler.toml ([triggers], every 15 minutes):
 *
 * - expired gateway cache rows (`gateway_cache.expires_at` passed) are deleted from D1, in chunks
 *   of CACHE_PURGE_CHUNK so one statement stays short; at most CACHE_PURGE_MAX_CHUNKS a run (a
 *   backlog is finished by the next runs);
 * - metrics windows older than METRICS_RETENTION_MS (8 days) are dropped from the Metrics object;
 *   the all-time totals /metrics exposes are kept;
 * - alert rules are evaluated per tenant and their changes notified (metrics/notify-alerts.ts).
 *
 * Each part runs even when another fails; the outcome is one log line.
 */
import { notifyAlerts, type AlertEnv, type AlertReport } from "../metrics/notify-alerts";
import { METRICS_OBJECT } from "../observability/flush-metrics";
import { log } from "../observability/log";

export const CACHE_PURGE_CHUNK = 500;
const CACHE_PURGE_MAX_CHUNKS = 20;
/** How long per-tenant metrics windows are kept: the summary reads at most 7 days back. */
export const METRICS_RETENTION_MS = 8 * 24 * 60 * 60_000;

export type UpkeepReport = {
  cacheRowsPurged: number;
  metricRowsPurged: number;
  alerts: AlertReport | null;
  failures: string[];
};

export async function purgeExpiredCache(db: D1Database, now: number): Promise<number> {
  let purged = 0;
  for (let i = 0; i < CACHE_PURGE_MAX_CHUNKS; i++) {
    const result = await db
      .prepare(
        "DELETE FROM gateway_cache WHERE key IN (SELECT key FROM gateway_cache WHERE expires_at <= ? LIMIT ?)",
      )
      .bind(now, CACHE_PURGE_CHUNK)
      .run();
    const deleted = result.meta.changes ?? 0;
    purged += deleted;
    if (deleted < CACHE_PURGE_CHUNK) break;
  }
  return purged;
}

export async function runUpkeep(env: AlertEnv, now: number = Date.now()): Promise<UpkeepReport> {
  const report: UpkeepReport = { cacheRowsPurged: 0, metricRowsPurged: 0, alerts: null, failures: [] };
  const started = performance.now();
  await Promise.all([
    purgeExpiredCache(env.DB, now).then(
      (n) => (report.cacheRowsPurged = n),
      (err: unknown) => report.failures.push(`cache: ${String(err)}`),
    ),
    env.METRICS.get(env.METRICS.idFromName(METRICS_OBJECT))
      .purge(now - METRICS_RETENTION_MS)
      .then(
        (r) => (report.metricRowsPurged = r.deleted),
        (err: unknown) => report.failures.push(`metrics: ${String(err)}`),
      ),
    notifyAlerts(env, now).then(
      (r) => (report.alerts = r),
      (err: unknown) => report.failures.push(`alerts: ${String(err)}`),
    ),
  ]);
  const fields = { ...report, durationMs: Math.round(performance.now() - started) };
  if (report.failures.length) log.error("upkeep", fields);
  else log.info("upkeep", fields);
  return report;
}
