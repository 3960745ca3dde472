/**
 * MetricsStore — the one Durable Object that aggregates the metrics every isolate flushes
 * (workers/observability/flush-metrics.ts), in its SQLite storage, so figures survive evictions
 * and redeploys and add up across isolates.
 *
 * Each point is added twice: to the all-time totals (window 0, no tenant) that /metrics exposes
 * as monotonic Prometheus counters, and to its 5-minute window row for its tenant, which the
 * per-tenant summary reads and the scheduled upkeep (workers/upkeep) purges after 8 days. A flush is
 * one RPC with one batch; the upserts run synchronously, so they commit together. Each statement
 * binds 6 parameters (DO SQLite allows 100).
 *
 * One object keeps this simple and exact; it takes a few writes a second per busy isolate (one
 * flush per second each). Past a few hundred isolates, shard by name and sum at scrape time.
 */
import { DurableObject } from "cloudflare:workers";
import type { MetricPoint } from "../workers/observability/metrics";

export const METRICS_WINDOW_MS = 5 * 60_000;

export type MetricRow = { name: string; labels: string; field: string; value: number };

const UPSERT = `INSERT INTO metric_points (window, tenant, name, labels, field, value) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (window, tenant, name, labels, field) DO UPDATE SET value = value + excluded.value`;

export class MetricsStore extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS metric_points (
      window INTEGER NOT NULL, tenant TEXT NOT NULL, name TEXT NOT NULL, labels TEXT NOT NULL,
      field TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (window, tenant, name, labels, field))`);
    ctx.storage.sql.exec(`CREATE INDEX IF NOT EXISTS metric_points_tenant ON metric_points (tenant, window)`);
  }

  /** Reachability probe for GET /health: answers without touching storage. */
  ping(): "pong" {
    return "pong";
  }

  /** Adds a flushed batch: to the totals and to the window containing `now`. */
  add(points: MetricPoint[], now: number = Date.now()): { points: number } {
    const window = Math.floor(now / METRICS_WINDOW_MS) * METRICS_WINDOW_MS;
    const sql = this.ctx.storage.sql;
    for (const p of points) {
      sql.exec(UPSERT, 0, "", p.name, p.labels, p.field, p.value);
      sql.exec(UPSERT, window, p.tenant, p.name, p.labels, p.field, p.value);
    }
    return { points: points.length };
  }

  /** All-time totals over every tenant: what /metrics exposes. */
  totals(): MetricRow[] {
    return this.ctx.storage.sql
      .exec<MetricRow>("SELECT name, labels, field, value FROM metric_points WHERE window = 0")
      .toArray();
  }

  /** A tenant's figures since `since` (summed over windows), plus the tenant-less ones if asked. */
  tenantSince(tenantId: string, since: number): MetricRow[] {
    return this.ctx.storage.sql
      .exec<MetricRow>(
        `SELECT name, labels, field, SUM(value) AS value FROM metric_points
         WHERE tenant = ? AND window >= ? AND window > 0 GROUP BY name, labels, field`,
        tenantId,
        Math.floor(since / METRICS_WINDOW_MS) * METRICS_WINDOW_MS,
      )
      .toArray();
  }

  /** Drops window rows older than `before` (the totals stay). Returns how many went. */
  purge(before: number): { deleted: number } {
    const cursor = this.ctx.storage.sql.exec(
      "DELETE FROM metric_points WHERE window > 0 AND window < ?",
      before,
    );
    return { deleted: cursor.rowsWritten };
  }
}
