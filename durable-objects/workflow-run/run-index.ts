/**
 * The D1 row that lists and filters read: a cache of this object's state, written at milestones
 * (creation, status changes, at most every INDEX_INTERVAL_MS while running), never per step.
 */
import type { RunGraph } from "../../workers/engine/graph";
import { progressOf, type RunMeta } from "./run-record";
import { log } from "../../workers/observability/log";

const INDEX_INTERVAL_MS = 5_000;

export class RunIndex {
  private lastAt = 0;

  constructor(
    private readonly db: D1Database,
    private readonly waitUntil: (promise: Promise<unknown>) => void,
  ) {}

  /** The next update writes whatever the interval says (after a status change). */
  due(): void {
    this.lastAt = 0;
  }

  maybeUpdate(meta: RunMeta | null, graph: RunGraph, now: number): void {
    if (!meta || now - this.lastAt < INDEX_INTERVAL_MS) return;
    this.lastAt = now;
    const progress = progressOf(meta, graph);
    this.waitUntil(
      this.db
        .prepare(
          `UPDATE workflows SET status = ?, nodes_total = ?, nodes_done = ?, nodes_failed = ?, cost_usd = ?,
             error = ?, updated_at = ?, finished_at = ? WHERE id = ?`,
        )
        .bind(
          meta.status,
          progress.total,
          progress.done,
          progress.failed,
          progress.costUsd,
          meta.error,
          now,
          meta.finishedAt,
          meta.id,
        )
        .run()
        .catch((err: unknown) => {
          // The index is a cache of this object's state; the next milestone rewrites it.
          log.error("workflow index update failed", {
            runId: meta.id,
            traceId: meta.traceId,
            tenantId: meta.tenantId,
            error: err,
          });
        }),
    );
  }
}
