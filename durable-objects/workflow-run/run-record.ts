/**
 * The run's own record (who, what, status, error) in `run_meta`, and the figures people see
 * (summary, progress) derived from it and the graph's counters.
 */
import type { Progress, RunStatus, RunSummary } from "../../workers/engine/protocol";
import { FINAL_RUN_STATUSES } from "../../workers/protocol/run-status";
import type { RunGraph, SqlPort } from "../../workers/engine/graph";
import type { RunInfo } from "../../workers/engine/types";

export type RunMeta = RunInfo & {
  title: string;
  status: RunStatus;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  error: string | null;
};

export const isFinal = (status: RunStatus): boolean => FINAL_RUN_STATUSES.includes(status);

export class RunRecord {
  meta: RunMeta | null = null;

  constructor(private readonly sql: SqlPort) {
    this.reload();
  }

  /** Reads the record again (on load, and after a rolled-back transaction). */
  reload(): void {
    const row = this.sql.exec("SELECT value FROM run_meta WHERE key = 'run'").toArray()[0];
    this.meta = row ? (JSON.parse(String(row.value)) as RunMeta) : null;
  }

  save(meta: RunMeta): void {
    this.meta = meta;
    this.sql.exec("INSERT OR REPLACE INTO run_meta (key, value) VALUES ('run', ?)", JSON.stringify(meta));
  }

  /** Moves the run to `status`; returns false when it already was there. */
  setStatus(status: RunStatus, now: number, error?: string | null): boolean {
    const meta = this.meta;
    if (!meta || meta.status === status) return false;
    meta.status = status;
    meta.updatedAt = now;
    if (error !== undefined) meta.error = error;
    meta.finishedAt = isFinal(status) ? now : null;
    this.save(meta);
    return true;
  }
}

export function progressOf(meta: RunMeta | null, g: RunGraph): Progress {
  const done = g.count("done");
  const finished = done + g.count("failed") + g.count("skipped") + g.count("cancelled");
  const remaining = g.total - finished;
  const elapsed = meta ? (meta.finishedAt ?? Date.now()) - meta.createdAt : 0;
  return {
    total: g.total,
    done,
    failed: g.count("failed"),
    skipped: g.count("skipped"),
    inFlight: g.count("leased"),
    waitingReview: g.count("waiting"),
    costUsd: g.spent.costUsd,
    etaMs:
      finished > 0 && remaining > 0 ? Math.round((elapsed / finished) * remaining) : finished > 0 ? 0 : null,
  };
}

export function summaryOf(meta: RunMeta, g: RunGraph): RunSummary {
  return {
    id: meta.id,
    pipeline: meta.pipeline,
    status: meta.status,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    finishedAt: meta.finishedAt,
    error: meta.error,
    progress: progressOf(meta, g),
  };
}
