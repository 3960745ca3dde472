/**
 * RunGraph — the task graph of one run, kept in the Durable Object's SQLite storage.
 *
 * Rules (see docs/architecture.md, "Engine"):
 * - A node becomes *ready* when all its dependencies have *settled*.
 * - A node *settles* when it is finished (done, failed, skipped) and every node it spawned has
 *   settled too, so a dependent of a fan-out waits for the whole subtree.
 * - A failure settles "as failed" and its dependents are skipped (blocked), transitively.
 * - Status counts are kept in memory for O(1) progress; they are derived from the table on load,
 *   so an evicted object rebuilds them exactly.
 *
 * Nothing here loads the whole graph: every operation reads the rows it touches by index.
 */
import type { NodeEvent, NodeStatus } from "../../workers/engine/protocol";
import { retryDelayMs } from "../../workers/engine/retry-policy";
import type { ArtifactRecord, Assignment, NodeSpec, RunInfo, StepOutcome } from "../../workers/engine/types";

export const MAX_VERSIONS_PER_NODE = 10;

/** What the graph tells its owner as it changes (the owner logs and broadcasts events). */
export interface GraphListener {
  node(event: NodeEvent): void;
  artifact(nodeId: string, artifact: ArtifactRecord): void;
  gateOpened(gateId: string): void;
}

export class GraphError extends Error {
  override readonly name = "GraphError";
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Row = Record<string, SqlStorageValue>;

type SettleItem = { id: string; failed: boolean };

/** A step handed out for execution; the lease id makes its report idempotent. */
export type Lease = { nodeId: string; leaseId: string; attempt: number };

const str = (v: SqlStorageValue | undefined): string | null => (typeof v === "string" ? v : null);
const num = (v: SqlStorageValue | undefined): number => (typeof v === "number" ? v : 0);

export class RunGraph {
  readonly counts = new Map<NodeStatus, number>();
  /** Money and tokens spent by this run, including work later discarded by a revision. */
  readonly spent = { costUsd: 0, tokensIn: 0, tokensOut: 0 };
  private nextSeq = 0;

  constructor(
    private readonly sql: SqlStorage,
    private readonly listener: GraphListener,
  ) {
    for (const row of sql.exec("SELECT status, count(*) AS n FROM nodes GROUP BY status")) {
      this.counts.set(row.status as NodeStatus, num(row.n));
    }
    this.nextSeq = num(sql.exec("SELECT coalesce(max(seq), 0) AS s FROM nodes").one().s) + 1;
    const spent = this.one("SELECT value FROM run_meta WHERE key = 'spent'");
    if (spent) Object.assign(this.spent, JSON.parse(String(spent.value)));
  }

  private addSpent(usage: { costUsd?: number; tokensIn?: number; tokensOut?: number }): void {
    if (!usage.costUsd && !usage.tokensIn && !usage.tokensOut) return;
    this.spent.costUsd += usage.costUsd ?? 0;
    this.spent.tokensIn += usage.tokensIn ?? 0;
    this.spent.tokensOut += usage.tokensOut ?? 0;
    this.sql.exec(
      "INSERT OR REPLACE INTO run_meta (key, value) VALUES ('spent', ?)",
      JSON.stringify(this.spent),
    );
  }

  // ---- counts -------------------------------------------------------------------------------

  count(status: NodeStatus): number {
    return this.counts.get(status) ?? 0;
  }

  get total(): number {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  /** True when nothing can make progress any more: every node is in a final state. */
  get isFinished(): boolean {
    return ["pending", "ready", "leased", "retry_wait", "waiting"].every(
      (s) => this.count(s as NodeStatus) === 0,
    );
  }

  private move(from: NodeStatus | null, to: NodeStatus, n = 1): void {
    if (from) this.counts.set(from, this.count(from) - n);
    this.counts.set(to, this.count(to) + n);
  }

  private one(query: string, ...bindings: unknown[]): Row | undefined {
    return this.sql.exec(query, ...bindings).toArray()[0];
  }

  // ---- building -----------------------------------------------------------------------------

  /**
   * Adds nodes (at creation, or spawned by `parent`). Dependencies may point at existing nodes
   * or at nodes in the same batch. Throws GraphError for duplicate ids or unknown dependencies,
   * before writing anything.
   */
  addNodes(
    specs: NodeSpec[],
    parent: string | null,
    now: number,
    hasHandler: (name: string) => boolean,
  ): void {
    const batchIds = new Set<string>();
    for (const spec of specs) {
      if (batchIds.has(spec.id) || this.one("SELECT 1 AS x FROM nodes WHERE id = ?", spec.id)) {
        throw new GraphError("duplicate_node", `Node id "${spec.id}" already exists`, { id: spec.id });
      }
      batchIds.add(spec.id);
    }
    for (const spec of specs) {
      const kind = spec.kind ?? "step";
      if (kind === "step" && (!spec.handler || !hasHandler(spec.handler))) {
        throw new GraphError("unknown_handler", `Node "${spec.id}" names unknown handler "${spec.handler}"`);
      }
      if (kind === "gate" && !spec.reviews) {
        throw new GraphError("invalid_gate", `Gate "${spec.id}" must name the node it reviews`);
      }
      for (const dep of this.depsOf(spec)) {
        if (!batchIds.has(dep) && !this.one("SELECT 1 AS x FROM nodes WHERE id = ?", dep)) {
          throw new GraphError("unknown_dependency", `Node "${spec.id}" depends on unknown node "${dep}"`);
        }
      }
    }

    for (const spec of specs) {
      this.sql.exec(
        `INSERT INTO nodes (id, seq, kind, handler, title, input, parent, reviews, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
        spec.id,
        this.nextSeq++,
        spec.kind ?? "step",
        spec.handler ?? "",
        spec.title ?? null,
        spec.input === undefined ? null : JSON.stringify(spec.input),
        parent,
        spec.reviews ?? null,
        now,
      );
      this.move(null, "pending");
      for (const dep of this.depsOf(spec)) {
        this.sql.exec("INSERT OR IGNORE INTO edges (src, dst) VALUES (?, ?)", dep, spec.id);
      }
      if (spec.reviews) this.sql.exec("UPDATE nodes SET reviewed = 1 WHERE id = ?", spec.reviews);
    }
    if (parent) {
      this.sql.exec("UPDATE nodes SET children_open = children_open + ? WHERE id = ?", specs.length, parent);
    }

    const settle: SettleItem[] = [];
    for (const spec of specs) {
      const deps = this.depsOf(spec);
      if (deps.length === 0) {
        this.makeReady(spec.id, spec.kind ?? "step", settle);
        continue;
      }
      const placeholders = deps.map(() => "?").join(",");
      const state = this.sql
        .exec(
          `SELECT sum(settled = 0) AS open, sum(settled = 2) AS failed FROM nodes WHERE id IN (${placeholders})`,
          ...deps,
        )
        .one();
      if (num(state.failed) > 0) {
        this.block(spec.id, "a dependency failed", settle);
      } else if (num(state.open) === 0) {
        this.makeReady(spec.id, spec.kind ?? "step", settle);
      } else {
        this.sql.exec("UPDATE nodes SET deps_open = ? WHERE id = ?", num(state.open), spec.id);
      }
    }
    this.settleAll(settle);
  }

  private depsOf(spec: NodeSpec): string[] {
    const deps = [...(spec.deps ?? [])];
    if (spec.reviews && !deps.includes(spec.reviews)) deps.push(spec.reviews);
    return deps;
  }

  /** A node whose dependencies have all settled: steps queue up, barriers finish, gates open. */
  private makeReady(id: string, kind: string, settle: SettleItem[]): void {
    if (kind === "barrier") {
      this.sql.exec(
        "UPDATE nodes SET status = 'done', deps_open = 0, finished_at = ? WHERE id = ?",
        Date.now(),
        id,
      );
      this.move("pending", "done");
      this.listener.node({ id, status: "done", attempt: 0, version: 0 });
      if (num(this.one("SELECT children_open FROM nodes WHERE id = ?", id)?.children_open) === 0) {
        settle.push({ id, failed: false });
      }
    } else if (kind === "gate") {
      this.sql.exec("UPDATE nodes SET status = 'waiting', deps_open = 0 WHERE id = ?", id);
      this.move("pending", "waiting");
      this.listener.node({ id, status: "waiting", attempt: 0, version: 0 });
      this.listener.gateOpened(id);
    } else {
      this.sql.exec("UPDATE nodes SET status = 'ready', deps_open = 0 WHERE id = ?", id);
      this.move("pending", "ready");
    }
  }

  private block(id: string, reason: string, settle: SettleItem[]): void {
    this.sql.exec(
      "UPDATE nodes SET status = 'skipped', error = ?, finished_at = ? WHERE id = ?",
      `blocked: ${reason}`,
      Date.now(),
      id,
    );
    this.move("pending", "skipped");
    this.listener.node({ id, status: "skipped", attempt: 0, version: 0, error: `blocked: ${reason}` });
    settle.push({ id, failed: true });
  }

  /**
   * Settles nodes and everything that follows from it (parents whose last child settled,
   * dependents whose last dependency settled). Iterative: fan-outs can be deep and wide.
   */
  private settleAll(stack: SettleItem[]): void {
    while (stack.length > 0) {
      const { id, failed } = stack.pop()!;
      const row = this.one(
        "UPDATE nodes SET settled = ? WHERE id = ? AND settled = 0 RETURNING parent",
        failed ? 2 : 1,
        id,
      );
      if (!row) continue;
      const parent = str(row.parent);
      if (parent) {
        // A fan-out settles as failed when anything below it did, so its dependents are blocked.
        const p = this.one(
          `UPDATE nodes SET children_open = children_open - 1, children_failed = children_failed + ?
           WHERE id = ? RETURNING status, children_open, children_failed, settled`,
          failed ? 1 : 0,
          parent,
        );
        if (p && num(p.children_open) === 0 && num(p.settled) === 0 && p.status === "done") {
          stack.push({ id: parent, failed: num(p.children_failed) > 0 });
        }
      }
      const dependents = this.sql
        .exec(
          `UPDATE nodes SET deps_open = deps_open - 1
           WHERE id IN (SELECT dst FROM edges WHERE src = ?) RETURNING id, kind, status, deps_open`,
          id,
        )
        .toArray();
      for (const dep of dependents) {
        if (dep.status !== "pending") continue;
        if (failed) this.block(String(dep.id), `upstream "${id}" failed`, stack);
        else if (num(dep.deps_open) <= 0) this.makeReady(String(dep.id), String(dep.kind), stack);
      }
    }
  }

  // ---- dispatch -----------------------------------------------------------------------------

  /** Leases up to `limit` ready steps in creation order. */
  lease(limit: number, leaseMs: number, now: number): Lease[] {
    if (limit <= 0) return [];
    const rows = this.sql
      .exec("SELECT id, attempts FROM nodes WHERE status = 'ready' ORDER BY seq LIMIT ?", limit)
      .toArray();
    return rows.map((row) => {
      const lease: Lease = {
        nodeId: String(row.id),
        leaseId: crypto.randomUUID(),
        attempt: num(row.attempts) + 1,
      };
      this.sql.exec(
        "UPDATE nodes SET status = 'leased', attempts = ?, lease_id = ?, lease_until = ?, started = 0 WHERE id = ?",
        lease.attempt,
        lease.leaseId,
        now + leaseMs,
        lease.nodeId,
      );
      this.move("ready", "leased");
      return lease;
    });
  }

  /**
   * A consumer starts a step. Returns null when the lease is no longer current (a duplicate
   * delivery, an expired lease already re-dispatched, a cancelled run): the step must not run.
   */
  claim(nodeId: string, leaseId: string, run: RunInfo): Assignment | null {
    const row = this.one(
      `UPDATE nodes SET started = 1 WHERE id = ? AND status = 'leased' AND lease_id = ? AND started = 0
       RETURNING handler, input, attempts, version, feedback, lease_until`,
      nodeId,
      leaseId,
    );
    if (!row) return null;
    const assignment: Assignment = {
      runId: run.id,
      tenantId: run.tenantId,
      pipeline: run.pipeline,
      options: run.options,
      nodeId,
      handler: String(row.handler),
      input: row.input === null ? undefined : JSON.parse(String(row.input)),
      attempt: num(row.attempts),
      version: num(row.version) + 1,
      leaseId,
      leaseUntil: num(row.lease_until),
    };
    const feedback = str(row.feedback);
    if (feedback) assignment.feedback = feedback;
    return assignment;
  }

  /**
   * Records a step's outcome. Idempotent by (node, lease): only the current lease's first report
   * counts, so at-least-once delivery never applies a result twice.
   */
  complete(
    nodeId: string,
    leaseId: string,
    outcome: StepOutcome,
    run: RunInfo,
    now: number,
    hasHandler: (name: string) => boolean,
  ): "accepted" | "stale" {
    const row = this.one(
      "SELECT status, lease_id, attempts, version, reviewed FROM nodes WHERE id = ?",
      nodeId,
    );
    if (!row || row.status !== "leased" || row.lease_id !== leaseId) return "stale";
    const attempt = num(row.attempts);
    const settle: SettleItem[] = [];

    if (outcome.ok) {
      const version = this.nextVersion(nodeId, num(row.version));
      const output = outcome.output === undefined ? null : JSON.stringify(outcome.output);
      const usage = outcome.usage ?? {};
      this.sql.exec(
        `UPDATE nodes SET status = 'done', output = ?, output_ref = ?, version = ?, lease_id = NULL,
           lease_until = NULL, feedback = NULL, error = NULL, cost_usd = cost_usd + ?, tokens_in = tokens_in + ?,
           tokens_out = tokens_out + ?, provider = ?, model = ?, duration_ms = ?, finished_at = ?
         WHERE id = ?`,
        output,
        outcome.outputRef ?? null,
        version,
        usage.costUsd ?? 0,
        usage.tokensIn ?? 0,
        usage.tokensOut ?? 0,
        usage.provider ?? null,
        usage.model ?? null,
        outcome.durationMs,
        now,
        nodeId,
      );
      this.move("leased", "done");
      this.addSpent(usage);
      if (num(row.reviewed) === 1) {
        this.recordVersion(nodeId, version, output, outcome.outputRef ?? null, "run", null, usage, now);
      }
      this.listener.node({ id: nodeId, status: "done", attempt, version });
      for (const artifact of outcome.artifacts ?? []) this.listener.artifact(nodeId, artifact);
      const spawn = outcome.spawn ?? [];
      if (spawn.length > 0) {
        try {
          this.addNodes(spawn, nodeId, now, hasHandler);
        } catch (err) {
          if (!(err instanceof GraphError)) throw err;
          // A handler that spawns an invalid graph is a bug in that handler: fail the node.
          this.sql.exec("UPDATE nodes SET status = 'failed', error = ? WHERE id = ?", err.message, nodeId);
          this.move("done", "failed");
          this.listener.node({ id: nodeId, status: "failed", attempt, version, error: err.message });
          settle.push({ id: nodeId, failed: true });
        }
      } else {
        settle.push({ id: nodeId, failed: false });
      }
    } else if (outcome.retryable && attempt < run.options.maxAttempts) {
      const delay = retryDelayMs(attempt, run.options.retryBaseMs, outcome.retryAfterMs);
      this.sql.exec(
        "UPDATE nodes SET status = 'retry_wait', lease_id = NULL, lease_until = NULL, not_before = ?, error = ? WHERE id = ?",
        now + delay,
        outcome.error,
        nodeId,
      );
      this.move("leased", "retry_wait");
      this.listener.node({
        id: nodeId,
        status: "retry_wait",
        attempt,
        version: num(row.version),
        error: outcome.error,
        retryInMs: delay,
      });
    } else {
      this.fail(nodeId, "leased", attempt, num(row.version), outcome.error, now, settle);
    }
    this.settleAll(settle);
    return "accepted";
  }

  private fail(
    id: string,
    from: NodeStatus,
    attempt: number,
    version: number,
    error: string,
    now: number,
    settle: SettleItem[],
  ): void {
    this.sql.exec(
      "UPDATE nodes SET status = 'failed', lease_id = NULL, lease_until = NULL, error = ?, finished_at = ? WHERE id = ?",
      error,
      now,
      id,
    );
    this.move(from, "failed");
    this.listener.node({ id, status: "failed", attempt, version, error });
    settle.push({ id, failed: true });
  }

  /** Leases whose consumer never reported back: retry (the expiry was the wait) or fail. */
  expireLeases(now: number, maxAttempts: number): number {
    const rows = this.sql
      .exec("SELECT id, attempts, version FROM nodes WHERE status = 'leased' AND lease_until <= ?", now)
      .toArray();
    const settle: SettleItem[] = [];
    for (const row of rows) {
      const id = String(row.id);
      const error = "lease expired: the consumer did not report back in time";
      if (num(row.attempts) >= maxAttempts) {
        this.fail(id, "leased", num(row.attempts), num(row.version), error, now, settle);
      } else {
        this.sql.exec(
          "UPDATE nodes SET status = 'ready', lease_id = NULL, lease_until = NULL, error = ? WHERE id = ?",
          error,
          id,
        );
        this.move("leased", "ready");
        this.listener.node({
          id,
          status: "ready",
          attempt: num(row.attempts),
          version: num(row.version),
          error,
        });
      }
    }
    this.settleAll(settle);
    return rows.length;
  }

  releaseRetries(now: number): number {
    const rows = this.sql
      .exec(
        "UPDATE nodes SET status = 'ready', not_before = NULL WHERE status = 'retry_wait' AND not_before <= ? RETURNING id",
        now,
      )
      .toArray();
    if (rows.length > 0) this.move("retry_wait", "ready", rows.length);
    return rows.length;
  }

  /** The earliest moment something time-based must happen (lease expiry, retry due). */
  nextWakeAt(): number | null {
    const lease = this.one("SELECT min(lease_until) AS t FROM nodes WHERE status = 'leased'")?.t;
    const retry = this.one("SELECT min(not_before) AS t FROM nodes WHERE status = 'retry_wait'")?.t;
    const times = [lease, retry].filter((t): t is number => typeof t === "number");
    return times.length ? Math.min(...times) : null;
  }

  // ---- run control ----------------------------------------------------------------------------

  /** Cancels every unfinished node; in-flight results arriving later are ignored. */
  cancelAll(now: number): void {
    for (const status of ["pending", "ready", "leased", "retry_wait", "waiting"] as const) {
      const n = this.sql
        .exec(
          "UPDATE nodes SET status = 'cancelled', lease_id = NULL, lease_until = NULL, finished_at = ? WHERE status = ? RETURNING id",
          now,
          status,
        )
        .toArray().length;
      if (n > 0) this.move(status, "cancelled", n);
    }
  }

  /** Re-runs what failed, was blocked by a failure, or was cancelled. */
  retryFailed(): number {
    const ids = this.sql
      .exec(
        "SELECT id FROM nodes WHERE status IN ('failed', 'cancelled') OR (status = 'skipped' AND settled = 2) ORDER BY seq",
      )
      .toArray()
      .map((r) => String(r.id));
    this.reset(new Set(ids), null);
    return ids.length;
  }

  // ---- reviews --------------------------------------------------------------------------------

  gate(id: string): { status: NodeStatus; reviews: string } | null {
    const row = this.one("SELECT status, kind, reviews FROM nodes WHERE id = ?", id);
    if (!row || row.kind !== "gate") return null;
    return { status: row.status as NodeStatus, reviews: String(row.reviews) };
  }

  closeGate(id: string, resolution: "done" | "skipped", now: number): void {
    this.sql.exec(
      "UPDATE nodes SET status = ?, finished_at = ?, output = ? WHERE id = ?",
      resolution,
      now,
      JSON.stringify({ resolution }),
      id,
    );
    this.move("waiting", resolution);
    this.listener.node({ id, status: resolution, attempt: 0, version: 0 });
    this.settleAll([{ id, failed: false }]);
  }

  /** The reviewed node re-runs with feedback; the gate waits for its new version. */
  revise(gateId: string, reviewed: string, feedback: string): void {
    this.sql.exec("UPDATE nodes SET feedback = ? WHERE id = ?", feedback, reviewed);
    this.reset(new Set([reviewed, gateId]), null);
  }

  /** A new version of the reviewed node made by a person (edit) — no step runs. */
  addEditedVersion(nodeId: string, output: unknown, now: number, outputRef: string | null = null): number {
    const row = this.one("SELECT version FROM nodes WHERE id = ?", nodeId);
    const version = this.nextVersion(nodeId, num(row?.version));
    // A large edit is already in R2 (edit-storage.ts): the node keeps only its reference.
    const json = outputRef ? null : JSON.stringify(output);
    this.sql.exec(
      "UPDATE nodes SET output = ?, output_ref = ?, version = ? WHERE id = ?",
      json,
      outputRef,
      version,
      nodeId,
    );
    this.recordVersion(nodeId, version, json, outputRef, "edit", null, {}, now);
    return version;
  }

  /** Makes a recorded version current again; its output is reused as recorded. */
  selectVersion(nodeId: string, version: number): boolean {
    const v = this.one(
      "SELECT output, output_ref FROM versions WHERE node_id = ? AND version = ?",
      nodeId,
      version,
    );
    if (!v) return false;
    this.sql.exec(
      "UPDATE nodes SET output = ?, output_ref = ?, version = ? WHERE id = ?",
      v.output,
      v.output_ref,
      version,
      nodeId,
    );
    return true;
  }

  versionsOf(nodeId: string): number[] {
    return this.sql
      .exec("SELECT version FROM versions WHERE node_id = ? ORDER BY version", nodeId)
      .toArray()
      .map((r) => num(r.version));
  }

  /** Reopens a gate that was already passed; everything after it becomes stale and re-runs. */
  reopenGate(gateId: string): void {
    const stale = new Set<string>();
    const frontier = [gateId];
    while (frontier.length > 0) {
      const id = frontier.pop()!;
      for (const row of this.sql.exec("SELECT dst FROM edges WHERE src = ?", id)) {
        const dst = String(row.dst);
        if (!stale.has(dst)) {
          stale.add(dst);
          frontier.push(dst);
        }
      }
      // The parent of a stale node waited for it: the parent's dependents are stale too.
      const parent = str(this.one("SELECT parent FROM nodes WHERE id = ?", id)?.parent);
      if (parent && id !== gateId) {
        for (const row of this.sql.exec("SELECT dst FROM edges WHERE src = ?", parent)) {
          const dst = String(row.dst);
          if (!stale.has(dst)) {
            stale.add(dst);
            frontier.push(dst);
          }
        }
      }
    }
    stale.delete(gateId);
    this.reset(stale, gateId);
  }

  private nextVersion(nodeId: string, current: number): number {
    const max = num(this.one("SELECT max(version) AS v FROM versions WHERE node_id = ?", nodeId)?.v);
    return Math.max(current, max) + 1;
  }

  private recordVersion(
    nodeId: string,
    version: number,
    output: string | null,
    outputRef: string | null,
    source: "run" | "edit",
    feedback: string | null,
    usage: { costUsd?: number; provider?: string; model?: string },
    now: number,
  ): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO versions (node_id, version, output, output_ref, source, feedback, cost_usd, provider, model, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      nodeId,
      version,
      output,
      outputRef,
      source,
      feedback,
      usage.costUsd ?? 0,
      usage.provider ?? null,
      usage.model ?? null,
      now,
    );
    // Keep the newest MAX_VERSIONS_PER_NODE, never the current one.
    this.sql.exec(
      `DELETE FROM versions WHERE node_id = ? AND version NOT IN (
         SELECT version FROM versions WHERE node_id = ? ORDER BY version DESC LIMIT ?
       ) AND version != (SELECT version FROM nodes WHERE id = ?)`,
      nodeId,
      nodeId,
      MAX_VERSIONS_PER_NODE,
      nodeId,
    );
  }

  /**
   * Puts `ids` back to pending (and `reopen`, a gate, back to waiting) so they run again:
   * spawned children of reset nodes are removed (the re-run spawns them again), parents outside
   * the set wait for their reset children again, and dependency counts are recomputed.
   */
  private reset(ids: Set<string>, reopen: string | null): void {
    // Children spawned by a node that re-runs are re-spawned by it: drop them (and theirs).
    const doomed = new Set<string>();
    const frontier = [...ids];
    while (frontier.length > 0) {
      const id = frontier.pop()!;
      for (const row of this.sql.exec("SELECT id FROM nodes WHERE parent = ?", id)) {
        const child = String(row.id);
        ids.delete(child);
        if (!doomed.has(child)) {
          doomed.add(child);
          frontier.push(child);
        }
      }
    }
    for (const id of doomed) {
      const row = this.one("DELETE FROM nodes WHERE id = ? RETURNING status", id);
      if (row) this.counts.set(row.status as NodeStatus, this.count(row.status as NodeStatus) - 1);
      this.sql.exec("DELETE FROM edges WHERE src = ? OR dst = ?", id, id);
      this.sql.exec("DELETE FROM versions WHERE node_id = ?", id);
    }

    const all = reopen ? [...ids, reopen] : [...ids];
    for (const id of all) {
      const row = this.one("SELECT status, settled, parent, attempts, version FROM nodes WHERE id = ?", id);
      if (!row) continue;
      const parent = str(row.parent);
      if (parent && !all.includes(parent) && num(row.settled) !== 0)
        this.reopenAncestors(parent, num(row.settled) === 2);
      const to: NodeStatus = id === reopen ? "waiting" : "pending";
      this.sql.exec(
        `UPDATE nodes SET status = ?, settled = 0, children_open = 0, children_failed = 0, lease_id = NULL, lease_until = NULL,
           not_before = NULL, started = 0, attempts = 0, error = NULL, finished_at = NULL WHERE id = ?`,
        to,
        id,
      );
      this.move(row.status as NodeStatus, to);
      this.listener.node({
        id,
        status: id === reopen ? "waiting" : "stale",
        attempt: 0,
        version: num(row.version),
      });
    }
    const settle: SettleItem[] = [];
    for (const id of ids) {
      const open = num(
        this.one(
          "SELECT count(*) AS n FROM edges JOIN nodes ON nodes.id = edges.src WHERE edges.dst = ? AND nodes.settled = 0",
          id,
        )?.n,
      );
      const row = this.one("UPDATE nodes SET deps_open = ? WHERE id = ? RETURNING kind", open, id);
      if (open === 0 && row) this.makeReady(id, String(row.kind), settle);
    }
    if (reopen) this.listener.gateOpened(reopen);
    this.settleAll(settle);
  }

  /**
   * A settled child runs again: its parent waits for it once more (and forgets its failure), and
   * so on up while each ancestor had settled.
   */
  private reopenAncestors(parent: string, childFailed: boolean): void {
    let id: string | null = parent;
    let failed = childFailed;
    while (id) {
      const row = this.one(
        `UPDATE nodes SET children_open = children_open + 1, children_failed = max(0, children_failed - ?)
         WHERE id = ? RETURNING settled, parent`,
        failed ? 1 : 0,
        id,
      );
      if (!row || num(row.settled) === 0) return;
      failed = num(row.settled) === 2;
      this.sql.exec("UPDATE nodes SET settled = 0 WHERE id = ?", id);
      id = str(row.parent);
    }
  }

  // ---- reading ------------------------------------------------------------------------------

  nodeStatus(nodeId: string): NodeStatus | null {
    const row = this.one("SELECT status FROM nodes WHERE id = ?", nodeId);
    return row ? (row.status as NodeStatus) : null;
  }

  output(
    nodeId: string,
  ): { status: NodeStatus; output: unknown; outputRef: string | null; version: number } | null {
    const row = this.one("SELECT status, output, output_ref, version FROM nodes WHERE id = ?", nodeId);
    if (!row) return null;
    return {
      status: row.status as NodeStatus,
      output: row.output === null ? null : JSON.parse(String(row.output)),
      outputRef: str(row.output_ref),
      version: num(row.version),
    };
  }

  /** One node in full: its row, current output (or R2 reference) and the versions kept. */
  detail(nodeId: string): Record<string, unknown> | null {
    const row = this.one(
      `SELECT id, kind, handler, title, parent, reviews, status, attempts, version, output, output_ref, error,
         cost_usd, tokens_in, tokens_out, provider, model, duration_ms, created_at, finished_at FROM nodes WHERE id = ?`,
      nodeId,
    );
    if (!row) return null;
    const versions = this.sql
      .exec(
        "SELECT version, source, feedback, cost_usd, provider, model, created_at FROM versions WHERE node_id = ? ORDER BY version",
        nodeId,
      )
      .toArray();
    const deps = this.sql
      .exec("SELECT src FROM edges WHERE dst = ?", nodeId)
      .toArray()
      .map((r) => String(r.src));
    return { ...row, output: row.output === null ? null : JSON.parse(String(row.output)), deps, versions };
  }

  /** A page of nodes in creation order, for the API and the UI. */
  page(afterSeq: number, limit: number, status?: NodeStatus): Row[] {
    const filter = status ? "AND status = ?" : "";
    const bindings: unknown[] = status ? [afterSeq, status, limit] : [afterSeq, limit];
    return this.sql
      .exec(
        `SELECT seq, id, kind, handler, title, status, attempts, version, error, cost_usd, duration_ms, provider, model
         FROM nodes WHERE seq > ? ${filter} ORDER BY seq LIMIT ?`,
        ...bindings,
      )
      .toArray();
  }
}
