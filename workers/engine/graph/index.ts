/**
 * RunGraph — the task graph of one run: pure rules over SQLite tables (see docs/architecture.md,
 * "Engine"). The WorkflowRun Durable Object owns one and adds storage transactions, the alarm and
 * live clients around it; unit tests drive the same code on `node:sqlite`.
 *
 * Nothing here loads the whole graph: every operation reads the rows it touches by index. Callers
 * run each mutation inside one storage transaction and call `reload()` if it throws, so a failure
 * leaves neither partial rows nor counters that disagree with them.
 */
import type { NodeStatus } from "../protocol";
import type { Assignment, NodeSpec, RunInfo, StepOutcome } from "../types";
import { addNodes } from "./build";
import { GraphCore, type GraphListener } from "./core";
import * as dispatch from "./dispatch";
import { checkInvariants, type Violation } from "./invariants";
import * as queries from "./queries";
import { repairStall, type RepairReport } from "./repair";
import { cancelAll, retryFailed } from "./reset";
import { applyReview, type CheckedReview, type ReviewOutcome } from "./review";
import type { SqlPort } from "./sql-port";
import { gateOf, versionsOf } from "./versions";

export { EngineError } from "./errors";
export { migrateGraphSchema } from "./schema";
export { MAX_VERSIONS_PER_NODE } from "./versions";
export type { GraphListener } from "./core";
export type { Lease } from "./dispatch";
export type { CheckedReview, ReviewOutcome } from "./review";
export type { RepairReport } from "./repair";
export type { Violation } from "./invariants";
export type { SqlPort } from "./sql-port";

export class RunGraph {
  private readonly g: GraphCore;

  constructor(sql: SqlPort, listener: GraphListener) {
    this.g = new GraphCore(sql, listener);
  }

  /** Derives counters from the tables again; call after a rolled-back transaction. */
  reload(): void {
    this.g.reload();
  }

  get counts(): ReadonlyMap<NodeStatus, number> {
    return this.g.counts;
  }
  get spent(): Readonly<{ costUsd: number; tokensIn: number; tokensOut: number }> {
    return this.g.spent;
  }
  get total(): number {
    return this.g.total;
  }
  get isFinished(): boolean {
    return this.g.isFinished;
  }
  count(status: NodeStatus): number {
    return this.g.count(status);
  }

  addNodes(
    specs: NodeSpec[],
    parent: string | null,
    now: number,
    hasHandler: (name: string) => boolean,
  ): void {
    addNodes(this.g, specs, parent, now, hasHandler);
  }

  lease(limit: number, leaseMs: number, now: number): dispatch.Lease[] {
    return dispatch.lease(this.g, limit, leaseMs, now);
  }
  claim(nodeId: string, leaseId: string, run: RunInfo, now: number, claimer?: string): Assignment | null {
    return dispatch.claim(this.g, nodeId, leaseId, run, now, claimer);
  }
  complete(
    nodeId: string,
    leaseId: string,
    outcome: StepOutcome,
    run: RunInfo,
    now: number,
    hasHandler: (name: string) => boolean,
  ): "accepted" | "stale" {
    return dispatch.complete(this.g, nodeId, leaseId, outcome, run, now, hasHandler);
  }
  failLeased(nodeId: string, leaseId: string, error: string, now: number): boolean {
    return dispatch.failLeased(this.g, nodeId, leaseId, error, now);
  }
  releaseUnclaimed(): number {
    return dispatch.releaseUnclaimed(this.g);
  }

  expireLeases(now: number, maxAttempts: number): number {
    return dispatch.expireLeases(this.g, now, maxAttempts);
  }
  releaseRetries(now: number): number {
    return dispatch.releaseRetries(this.g, now);
  }
  nextWakeAt(): number | null {
    return dispatch.nextWakeAt(this.g);
  }

  cancelAll(now: number): void {
    cancelAll(this.g, now);
  }
  retryFailed(): number {
    return retryFailed(this.g);
  }
  review(gateId: string, review: CheckedReview, now: number): ReviewOutcome {
    return applyReview(this.g, gateId, review, now);
  }
  gate(id: string): { status: NodeStatus; reviews: string; blocked: boolean } | null {
    return gateOf(this.g, id);
  }
  versionsOf(nodeId: string): number[] {
    return versionsOf(this.g, nodeId);
  }

  /**
   * Confirms from the rows that nothing is left to do (the counters said so), before a run is
   * declared finished; on a disagreement the counters are derived again and it says no.
   */
  confirmFinished(): boolean {
    const left = this.g.one(
      "SELECT 1 AS x FROM nodes WHERE status IN ('pending', 'ready', 'leased', 'retry_wait', 'waiting') LIMIT 1",
    );
    if (!left) return true;
    this.g.reload();
    return false;
  }

  /** True when the run cannot move by itself: nothing in flight, ready, waiting or due. */
  get isStalled(): boolean {
    return (
      !this.isFinished &&
      (["ready", "leased", "retry_wait", "waiting"] as const).every((s) => this.count(s) === 0)
    );
  }
  repairStall(): RepairReport {
    return repairStall(this.g);
  }
  checkInvariants(owner?: { dispatching: boolean; concurrency: number }): Violation[] {
    return checkInvariants(this.g, owner);
  }

  nodeStatus(nodeId: string): NodeStatus | null {
    return queries.nodeStatus(this.g, nodeId);
  }
  nodeHandler(nodeId: string): string | null {
    return queries.nodeHandler(this.g, nodeId);
  }
  output(nodeId: string) {
    return queries.outputOf(this.g, nodeId);
  }
  versionOutputs(nodeId: string, versions: number[]) {
    return queries.versionOutputs(this.g, nodeId, versions);
  }
  detail(nodeId: string): Record<string, unknown> | null {
    return queries.nodeDetail(this.g, nodeId);
  }
  page(afterSeq: number, limit: number, status?: NodeStatus) {
    return queries.nodePage(this.g, afterSeq, limit, status);
  }
  failures(limit: number): { nodeId: string; error: string }[] {
    return this.count("failed") > 0 ? queries.failures(this.g, limit) : [];
  }
}
