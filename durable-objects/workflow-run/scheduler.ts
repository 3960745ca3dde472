/**
 * Keeping a run moving: after every change, lease ready steps up to the concurrency cap (some go
 * straight back to the reporting consumer), apply the failure policy, finish the run when nothing
 * is left, keep the alarm armed for leases, retries, progress and the watchdog, and refresh the
 * D1 index now and then.
 *
 * The watchdog: a running run with nothing in flight, ready, due or waiting for a person can
 * never finish by itself. It is repaired (settles recomputed from the rows) or ended with a
 * clear error — never left `running`.
 */
import { faultEnabled } from "../../workers/engine/fault-injection";
import { stepMessage } from "../../workers/engine/step-message";
import { log } from "../../workers/observability/log";
import { flushMetricsSoon } from "../../workers/observability/flush-metrics";
import { metrics } from "../../workers/observability/metrics";
import type { Lease, RunGraph } from "../../workers/engine/graph";
import type { RunStatus } from "../../workers/engine/protocol";
import type { Assignment } from "../../workers/engine/types";
import type { LiveChannel } from "./live-channel";
import type { ReviewDesk } from "./review-desk";
import type { RunIndex } from "./run-index";
import { isFinal, progressOf, summaryOf, type RunRecord } from "./run-record";

const PROGRESS_INTERVAL_MS = 500;
const SEND_BATCH_LIMIT = 100;
/** How often a running run's alarm looks for a stall even when nothing else is due. */
export const WATCHDOG_INTERVAL_MS = 30_000;

export type RunParts = {
  ctx: DurableObjectState;
  env: Env;
  graph: RunGraph;
  record: RunRecord;
  live: LiveChannel;
  desk: ReviewDesk;
  index: RunIndex;
  /** Runs `fn` in one storage transaction; memory state is restored if it throws. */
  transact<T>(fn: () => T): T;
};

/** A run entering `status`, counted for its tenant (tsumugi_run_transitions_total). */
export function countRunStatus(meta: { pipeline: string; tenantId: string }, status: RunStatus): void {
  metrics.count("tsumugi_run_transitions_total", { pipeline: meta.pipeline, status }, 1, meta.tenantId);
}

export class Scheduler {
  private lastProgressAt = 0;
  private progressDirty = false;
  private alarmAt: number | null = null;

  constructor(private readonly run: RunParts) {}

  changed(): void {
    this.progressDirty = true;
  }

  /** Moves the run to `status`; a final status announces progress and `done`. */
  changeStatus(status: RunStatus, now: number, error?: string | null): void {
    const { record, live, graph } = this.run;
    if (!record.setStatus(status, now, error)) return;
    if (record.meta) countRunStatus(record.meta, status);
    this.progressDirty = true;
    this.lastProgressAt = 0;
    this.run.index.due();
    if (isFinal(status) && record.meta) {
      live.emit({ type: "progress", progress: progressOf(record.meta, graph), status });
      live.emit({ type: "done", run: summaryOf(record.meta, graph) });
    }
  }

  /**
   * A step found the run's (or its key's) budget too small for its next call: the run stops
   * handing out steps (in-flight ones finish on their own reservations) until it is resumed,
   * usually with a higher `budgetUsd`. Announced once, as an `error` event with code
   * `budget_exhausted`, when the run enters the status.
   */
  budgetExhausted(nodeId: string, reason: string, now: number): void {
    const { record, live, graph } = this.run;
    const meta = record.meta;
    if (meta?.status !== "running") return;
    const message = `Budget exhausted at "${nodeId}": ${reason}. Resume with a higher budgetUsd to go on.`;
    this.changeStatus("budget_exhausted", now, message);
    log.warn("run budget exhausted", {
      runId: meta.id,
      traceId: meta.traceId,
      tenantId: meta.tenantId,
      nodeId,
    });
    live.emit({
      type: "error",
      error: {
        code: "budget_exhausted",
        message,
        details: {
          nodeId,
          budgetUsd: meta.options.budgetUsd ?? null,
          spentUsd: graph.spent.costUsd,
        },
      },
    });
  }

  /** A new spending limit for the run (resume with `budgetUsd`): later claims carry it. */
  changeBudget(budgetUsd: number, now: number): void {
    const { record } = this.run;
    const meta = record.meta;
    if (!meta) return;
    meta.options = { ...meta.options, budgetUsd };
    meta.updatedAt = now;
    record.save(meta);
  }

  /** After every change; returns up to `handoff` steps claimed for the reporting consumer. */
  async afterChange(handoff: number): Promise<Assignment[]> {
    const { record, graph, live, desk } = this.run;
    if (!record.meta) return [];
    const now = Date.now();
    const handed: Assignment[] = [];
    let toSend: Lease[] = [];
    this.run.transact(() => {
      desk.applyBuffered(now);
      this.applyFailurePolicy(now);
      this.watchdog(now);
      const meta = record.meta!;
      if (meta.status === "running") {
        const leases = graph.lease(
          meta.options.concurrency - graph.count("leased"),
          meta.options.leaseMs,
          now,
        );
        for (const lease of leases.splice(0, handoff)) {
          const assignment = graph.claim(lease.nodeId, lease.leaseId, meta, now);
          if (assignment) handed.push(assignment);
        }
        toSend = leases;
      }
      // Counters that disagreed with the rows were derived again: what they hid (a stall, say)
      // is looked at now, not at the next alarm (up to the watchdog's 30 s away).
      if (this.maybeFinish(now)) this.watchdog(now);
      this.maybeProgress(now);
    });
    live.flush();
    if (toSend.length > 0) await this.dispatch(toSend);
    await this.armAlarm(now);
    this.run.index.maybeUpdate(record.meta, graph, now);
    flushMetricsSoon(this.run.env, (p) => this.run.ctx.waitUntil(p));
    return handed;
  }

  async onAlarm(): Promise<void> {
    this.alarmAt = null;
    const { record, graph } = this.run;
    const meta = record.meta;
    if (!meta) return;
    const now = Date.now();
    this.run.transact(() => {
      if (meta.status === "running" || meta.status === "paused" || meta.status === "budget_exhausted") {
        if (graph.expireLeases(now, meta.options.maxAttempts) > 0) this.progressDirty = true;
        graph.releaseRetries(now);
      }
    });
    await this.afterChange(0);
  }

  async stopAlarm(): Promise<void> {
    await this.run.ctx.storage.deleteAlarm();
    this.alarmAt = null;
  }

  /** `fail_fast`: the first failed step — however it failed — cancels the rest of the run. */
  private applyFailurePolicy(now: number): void {
    const { record, graph } = this.run;
    const meta = record.meta!;
    if (meta.status !== "running" && meta.status !== "paused" && meta.status !== "budget_exhausted") return;
    if (meta.options.failurePolicy !== "fail_fast" || graph.count("failed") === 0) return;
    const [first] = graph.failures(1);
    graph.cancelAll(now);
    this.changeStatus(
      "failed",
      now,
      first ? `step "${first.nodeId}" failed: ${first.error}` : "a step failed",
    );
  }

  private watchdog(now: number): void {
    const { record, graph, live } = this.run;
    if (record.meta?.status !== "running" || !graph.isStalled) return;
    const report = graph.repairStall();
    const fields = {
      runId: record.meta.id,
      traceId: record.meta.traceId,
      repaired: report.repaired,
      stuck: report.stuck,
    };
    if (!graph.isStalled) {
      log.warn("stalled run repaired", fields);
      this.progressDirty = true;
      return;
    }
    const message = `The run stalled: ${report.stuck} steps wait for something that can never finish (${report.sample.join(", ")})`;
    log.error("stalled run ended", fields);
    live.emit({
      type: "error",
      error: { code: "run_stalled", message, details: { pending: report.sample } },
    });
    graph.cancelAll(now);
    this.changeStatus("failed", now, message);
  }

  /** Finishes a run whose steps are all settled; true when its counters had to be derived again. */
  private maybeFinish(now: number): boolean {
    const { record, graph } = this.run;
    if (record.meta?.status !== "running" || !graph.isFinished) return false;
    if (!graph.confirmFinished()) {
      log.error("node counters disagreed with rows", { runId: record.meta.id });
      this.progressDirty = true;
      return true;
    }
    const failures = graph.count("failed") + graph.count("cancelled");
    this.changeStatus(failures > 0 ? "completed_with_errors" : "completed", now);
    return false;
  }

  private maybeProgress(now: number): void {
    const { record, graph, live } = this.run;
    const meta = record.meta!;
    const final = isFinal(meta.status);
    if (!this.progressDirty) return;
    if (!final && now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return;
    this.progressDirty = false;
    this.lastProgressAt = now;
    live.emit({ type: "progress", progress: progressOf(meta, graph), status: meta.status });
  }

  private async dispatch(leases: Lease[]): Promise<void> {
    const meta = this.run.record.meta!;
    const copies = faultEnabled(this.run.env, "duplicate-steps") ? 2 : 1;
    for (let i = 0; i < leases.length; i += SEND_BATCH_LIMIT) {
      const chunk = leases.slice(i, i + SEND_BATCH_LIMIT);
      try {
        for (let copy = 0; copy < copies; copy++)
          await this.run.env.STEPS.sendBatch(chunk.map((lease) => ({ body: stepMessage(meta, lease) })));
        metrics.count(
          "tsumugi_queue_messages_sent_total",
          { queue: "tsumugi-steps" },
          chunk.length * copies,
          meta.tenantId,
        );
      } catch (err) {
        // The leases stay recorded: when they expire the alarm hands the steps out again.
        log.error("step dispatch failed", { runId: meta.id, traceId: meta.traceId, error: err });
      }
    }
  }

  /**
   * Keeps an alarm armed for the next time-based event: a lease expiring, a retry falling due, a
   * progress message to flush, the watchdog. An alarm that fires early is harmless (it finds
   * nothing due and re-arms), so the alarm only ever moves earlier here — a busy run does not pay
   * a storage write per step to move it.
   */
  private async armAlarm(now: number): Promise<void> {
    const meta = this.run.record.meta;
    if (!meta || isFinal(meta.status)) {
      if (this.alarmAt !== null) await this.stopAlarm();
      return;
    }
    const candidates: (number | null)[] = [];
    if (this.progressDirty) candidates.push(this.lastProgressAt + PROGRESS_INTERVAL_MS);
    if (meta.status === "running") candidates.push(now + WATCHDOG_INTERVAL_MS);
    // Leases and retries are never due sooner than this; skip the queries when the alarm is.
    if (this.alarmAt === null || this.alarmAt > now + PROGRESS_INTERVAL_MS)
      candidates.push(this.run.graph.nextWakeAt());
    const times = candidates.filter((t): t is number => t !== null);
    if (times.length === 0) return;
    const next = Math.max(now, Math.min(...times));
    if (this.alarmAt !== null && this.alarmAt <= next) return;
    this.alarmAt = next;
    await this.run.ctx.storage.setAlarm(next);
  }
}
