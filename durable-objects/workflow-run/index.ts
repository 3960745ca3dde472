/**
 * WorkflowRun — one Durable Object per workflow run. It owns the run's task graph (RunGraph, in
 * its SQLite storage), hands ready steps to queue consumers under leases, records their results
 * idempotently, keeps review gates, and streams every change to live clients (WebSocket via
 * partyserver with hibernation, and Server-Sent Events) from a sequenced event log.
 *
 * The object never runs a step itself: consumers do, and report back over RPC. Every state change
 * is written before it is announced, so eviction, a crash or a redeploy resumes exactly here.
 */
import { Server, type Connection, type ConnectionContext, type WSMessage } from "partyserver";
import {
  clientMessageSchema,
  FINAL_RUN_STATUSES,
  type LoggedMessage,
  type NodeStatus,
  type Progress,
  type ReviewAction,
  type ReviewEvent,
  type RunStatus,
  type RunSummary,
  type ServerMessage,
} from "../../workers/engine/protocol";
import type { Assignment, RunInfo, RunOptions, StepOutcome } from "../../workers/engine/types";
import { findPipeline } from "../../workers/pipelines/registry";
import { EventLog, type NewEvent } from "./event-log";
import { GraphError, RunGraph, type Lease } from "./graph";
import { applyReview } from "./reviews";
import { migrateRunSchema } from "./sql-schema";
import { parseSeq, SseStreams } from "./sse-streams";
import { stepMessage } from "../../workers/consumer/step-message";
import { auditSocketAction } from "./audit";
import { sinceAheadError } from "./catch-up";
import {
  closeKeyConnections,
  closeRevoked,
  connectionKeyId,
  KeyVerdicts,
  keyTag,
  liveKeyIds,
  requestKeyId,
} from "./connection-auth";
import { decodePendingReview, encodePendingReview, offloadLargeEdit } from "./edit-storage";
import { LiveTickets } from "./live-tickets";
import { isTooLarge, maxMessageBytes, tooLargeError } from "./socket-limits";

const PROGRESS_INTERVAL_MS = 500;
const INDEX_INTERVAL_MS = 5_000;
const PREVIEW_LIMIT_CHARS = 8_000;
const SEND_BATCH_LIMIT = 100;

export type RunInit = {
  id: string;
  tenantId: string;
  pipeline: string;
  input: unknown;
  options: RunOptions;
  title: string;
};

type RunMeta = RunInfo & {
  title: string;
  status: RunStatus;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  error: string | null;
};

export type StepReport = { nodeId: string; leaseId: string; outcome: StepOutcome; acceptNext: boolean };

export type RpcError = { code: string; message: string; status: 400 | 404 | 409; details?: unknown };
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export class WorkflowRun extends Server<Env> {
  static override options = { hibernate: true };

  private readonly graph: RunGraph;
  private readonly log: EventLog;
  private meta: RunMeta | null;
  /** Messages logged during the current operation, broadcast once it has been written. */
  private outbox: { message: LoggedMessage; json: string }[] = [];
  private openedGates: string[] = [];
  private readonly sse = new SseStreams();
  private lastProgressAt = 0;
  private progressDirty = false;
  private lastIndexAt = 0;
  private alarmAt: number | null = null;
  private readonly tickets: LiveTickets;
  private readonly keys: KeyVerdicts;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    migrateRunSchema(sql);
    this.graph = new RunGraph(sql, {
      node: (node) => this.emit({ type: "node", node }),
      artifact: (nodeId, artifact) =>
        this.emit({
          type: "artifact",
          artifact: { nodeId, key: artifact.key, kind: artifact.kind, contentType: artifact.contentType },
        }),
      gateOpened: (gate) => {
        this.openedGates.push(gate);
        this.emit({ type: "review", review: this.reviewEvent(gate, "open") });
      },
    });
    this.log = new EventLog(sql);
    this.tickets = new LiveTickets(sql);
    this.keys = new KeyVerdicts(env.DB);
    const row = sql.exec("SELECT value FROM run_meta WHERE key = 'run'").toArray()[0];
    this.meta = row ? (JSON.parse(String(row.value)) as RunMeta) : null;
  }

  // ---- RPC: lifecycle -----------------------------------------------------------------------

  /** Creates the run's graph. Idempotent: a second call returns the existing run. */
  async create(init: RunInit): Promise<RpcResult<RunSummary>> {
    if (this.meta) return { ok: true, value: this.summary() };
    const pipeline = findPipeline(this.env, init.pipeline);
    if (!pipeline) return this.fail(404, "unknown_pipeline", `Unknown pipeline "${init.pipeline}"`);
    const now = Date.now();
    const meta: RunMeta = {
      id: init.id,
      tenantId: init.tenantId,
      pipeline: init.pipeline,
      options: init.options,
      title: init.title,
      status: "running",
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      error: null,
    };
    try {
      this.ctx.storage.transactionSync(() => {
        this.saveMeta(meta);
        this.graph.addNodes(pipeline.build(init.input as never), null, now, (h) => h in pipeline.handlers);
      });
    } catch (err) {
      this.meta = null;
      this.outbox = [];
      if (err instanceof GraphError) return this.fail(400, err.code, err.message, err.details);
      throw err;
    }
    await this.afterChange(0);
    return { ok: true, value: this.summary() };
  }

  async control(action: "pause" | "resume" | "cancel" | "retry"): Promise<RpcResult<RunSummary>> {
    const meta = this.meta;
    if (!meta) return this.fail(404, "not_found", "No such run");
    const final = FINAL_RUN_STATUSES.includes(meta.status);
    const now = Date.now();
    if (action === "pause" || action === "resume") {
      if (final) return this.fail(409, "run_finished", `The run is ${meta.status}`);
      this.setStatus(action === "pause" ? "paused" : "running", now);
    } else if (action === "cancel") {
      if (final) return this.fail(409, "run_finished", `The run is ${meta.status}`);
      this.ctx.storage.transactionSync(() => {
        this.graph.cancelAll(now);
        this.setStatus("cancelled", now);
      });
    } else {
      if (meta.status === "running" || meta.status === "paused" || meta.status === "completed") {
        return this.fail(409, "nothing_to_retry", `The run is ${meta.status}`);
      }
      this.ctx.storage.transactionSync(() => {
        meta.error = null;
        meta.finishedAt = null;
        this.setStatus("running", now);
        this.graph.retryFailed();
      });
      // A finished run was not told of revocations; it is about to send events again.
      await this.recheckLiveKeys();
    }
    await this.afterChange(0);
    return { ok: true, value: this.summary() };
  }

  /** Deletes everything the object stores. The API removes R2 objects and index rows. */
  async destroy(): Promise<void> {
    for (const connection of this.getConnections()) connection.close(1000, "run deleted");
    this.sse.closeAll();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.meta = null;
  }

  // ---- RPC: consumers -----------------------------------------------------------------------

  /** A consumer received a queued lease: returns the step to run, or null if it must not run. */
  async claim(nodeId: string, leaseId: string): Promise<Assignment | null> {
    if (!this.meta) return null;
    return this.graph.claim(nodeId, leaseId, this.meta);
  }

  /**
   * A consumer reports a step. When `acceptNext`, the next ready step goes straight back to the
   * same consumer, so a busy run keeps its slots full without a queue round trip per step.
   */
  async complete(
    nodeId: string,
    leaseId: string,
    outcome: StepOutcome,
    acceptNext = true,
  ): Promise<{ accepted: boolean; next: Assignment | null }> {
    const [reply] = await this.completeMany([{ nodeId, leaseId, outcome, acceptNext }]);
    return reply ?? { accepted: false, next: null };
  }

  /**
   * Several reports at once (a consumer's slots often finish together): one transaction and one
   * commit for all of them, and the next ready steps handed back in the same reply.
   */
  async completeMany(reports: StepReport[]): Promise<{ accepted: boolean; next: Assignment | null }[]> {
    const meta = this.meta;
    if (!meta) return reports.map(() => ({ accepted: false, next: null }));
    const pipeline = findPipeline(this.env, meta.pipeline);
    const hasHandler = (h: string) => !!pipeline && h in pipeline.handlers;
    const now = Date.now();
    const accepted: boolean[] = [];
    this.ctx.storage.transactionSync(() => {
      for (const { nodeId, leaseId, outcome } of reports) {
        const verdict = this.graph.complete(nodeId, leaseId, outcome, meta, now, hasHandler);
        accepted.push(verdict === "accepted");
        if (verdict !== "accepted") continue;
        this.progressDirty = true;
        if (
          !outcome.ok &&
          this.graph.nodeStatus(nodeId) === "failed" &&
          meta.options.failurePolicy === "fail_fast"
        ) {
          meta.error = `step "${nodeId}" failed: ${outcome.error}`;
          this.graph.cancelAll(now);
          this.setStatus("failed", now);
        }
      }
    });
    const wanting = reports.filter((r, i) => r.acceptNext && accepted[i]).length;
    const handed = await this.afterChange(wanting);
    return reports.map((r, i) => ({
      accepted: accepted[i] ?? false,
      next: r.acceptNext && accepted[i] ? (handed.shift() ?? null) : null,
    }));
  }

  async readOutput(
    nodeId: string,
  ): Promise<RpcResult<{ output: unknown; outputRef: string | null; version: number }>> {
    const found = this.graph.output(nodeId);
    if (!found) return this.fail(404, "unknown_node", `No node "${nodeId}" in this run`);
    if (found.status !== "done") return this.fail(409, "not_done", `Node "${nodeId}" is ${found.status}`);
    return { ok: true, value: { output: found.output, outputRef: found.outputRef, version: found.version } };
  }

  // ---- RPC: reviews and reading -------------------------------------------------------------

  async review(
    gateId: string,
    action: ReviewAction,
  ): Promise<RpcResult<{ buffered: boolean; run: RunSummary }>> {
    if (!this.meta) return this.fail(404, "not_found", "No such run");
    if (FINAL_RUN_STATUSES.includes(this.meta.status))
      return this.fail(409, "run_finished", `The run is ${this.meta.status}`);
    const outputRef = await offloadLargeEdit(this.env.BUCKET, this.meta.id, action);
    const now = Date.now();
    let result: ReturnType<typeof applyReview> | undefined;
    this.ctx.storage.transactionSync(() => {
      result = applyReview(this.graph, gateId, action, now, outputRef);
      if (result.ok && result.buffered) {
        this.ctx.storage.sql.exec(
          "INSERT INTO pending_reviews (gate, action, at) VALUES (?, ?, ?)",
          gateId,
          encodePendingReview(action, outputRef),
          now,
        );
      } else if (result.ok) {
        this.afterReview(gateId, action);
      }
    });
    if (!result) throw new Error("review transaction did not run");
    if (!result.ok) {
      if (outputRef) await this.env.BUCKET.delete(outputRef);
      return this.fail(result.status, result.code, result.message);
    }
    const buffered = result.buffered;
    await this.afterChange(0);
    return { ok: true, value: { buffered, run: this.summary() } };
  }

  summary(): RunSummary {
    const meta = this.meta;
    if (!meta) throw new Error("run not created");
    return {
      id: meta.id,
      pipeline: meta.pipeline,
      status: meta.status,
      createdAt: meta.createdAt,
      updatedAt: meta.updatedAt,
      finishedAt: meta.finishedAt,
      error: meta.error,
      progress: this.progress(),
    };
  }

  async describe(): Promise<
    RpcResult<{
      run: RunSummary;
      title: string;
      counts: Record<string, number>;
      tokens: { in: number; out: number };
    }>
  > {
    if (!this.meta) return this.fail(404, "not_found", "No such run");
    return {
      ok: true,
      value: {
        run: this.summary(),
        title: this.meta.title,
        counts: Object.fromEntries(this.graph.counts),
        tokens: { in: this.graph.spent.tokensIn, out: this.graph.spent.tokensOut },
      },
    };
  }

  async node(nodeId: string): Promise<RpcResult<Record<string, unknown>>> {
    const detail = this.graph.detail(nodeId);
    return detail
      ? { ok: true, value: detail }
      : this.fail(404, "unknown_node", `No node "${nodeId}" in this run`);
  }

  async nodes(afterSeq: number, limit: number, status?: NodeStatus) {
    return this.graph.page(afterSeq, limit, status);
  }

  // ---- scheduling -----------------------------------------------------------------------------

  /**
   * After every change: finish the run if nothing is left, lease ready steps up to the
   * concurrency cap (one may go straight back to the reporting consumer), flush events, keep the
   * alarm armed for leases and retries, and refresh the D1 index now and then.
   */
  private async afterChange(handoff: number): Promise<Assignment[]> {
    const meta = this.meta;
    if (!meta) return [];
    const now = Date.now();
    const handed: Assignment[] = [];
    let toSend: Lease[] = [];
    this.ctx.storage.transactionSync(() => {
      this.applyBufferedReviews();
      if (meta.status === "running") {
        const capacity = meta.options.concurrency - this.graph.count("leased");
        const leases = this.graph.lease(capacity, meta.options.leaseMs, now);
        for (const lease of leases.splice(0, handoff)) {
          const assignment = this.graph.claim(lease.nodeId, lease.leaseId, meta);
          if (assignment) handed.push(assignment);
        }
        toSend = leases;
      }
      this.maybeFinish(now);
      this.maybeProgress(now);
    });
    this.flushOutbox();
    if (toSend.length > 0) await this.dispatch(toSend);
    await this.armAlarm(now);
    this.maybeUpdateIndex(now);
    return handed;
  }

  private async dispatch(leases: Lease[]): Promise<void> {
    const meta = this.meta!;
    for (let i = 0; i < leases.length; i += SEND_BATCH_LIMIT) {
      const chunk = leases.slice(i, i + SEND_BATCH_LIMIT);
      try {
        await this.env.STEPS.sendBatch(chunk.map((lease) => ({ body: stepMessage(meta, lease) })));
      } catch (err) {
        // The leases stay recorded: when they expire the alarm hands the steps out again.
        console.error(
          JSON.stringify({ level: "error", msg: "step dispatch failed", run: meta.id, error: String(err) }),
        );
      }
    }
  }

  override async onAlarm(): Promise<void> {
    this.alarmAt = null;
    const meta = this.meta;
    if (!meta) return;
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      if (meta.status === "running" || meta.status === "paused") {
        if (this.graph.expireLeases(now, meta.options.maxAttempts) > 0) this.progressDirty = true;
        this.graph.releaseRetries(now);
      }
    });
    await this.afterChange(0);
  }

  /**
   * Keeps an alarm armed for the next time-based event: a lease expiring, a retry falling due, a
   * progress message to flush. An alarm that fires early is harmless (it finds nothing due and
   * re-arms), so the alarm only ever moves earlier here — a busy run does not pay a storage
   * write per step to move it.
   */
  private async armAlarm(now: number): Promise<void> {
    const meta = this.meta;
    if (!meta || FINAL_RUN_STATUSES.includes(meta.status)) {
      if (this.alarmAt !== null) await this.ctx.storage.deleteAlarm();
      this.alarmAt = null;
      return;
    }
    const candidates: (number | null)[] = [];
    if (this.progressDirty) candidates.push(this.lastProgressAt + PROGRESS_INTERVAL_MS);
    // Leases and retries are never due sooner than this; skip the queries when the alarm is.
    if (this.alarmAt === null || this.alarmAt > now + PROGRESS_INTERVAL_MS)
      candidates.push(this.graph.nextWakeAt());
    const times = candidates.filter((t): t is number => t !== null);
    if (times.length === 0) return;
    const next = Math.max(now, Math.min(...times));
    if (this.alarmAt !== null && this.alarmAt <= next) return;
    this.alarmAt = next;
    await this.ctx.storage.setAlarm(next);
  }

  private maybeFinish(now: number): void {
    const meta = this.meta!;
    if (meta.status !== "running" || !this.graph.isFinished) return;
    const failures = this.graph.count("failed") + this.graph.count("cancelled");
    this.setStatus(failures > 0 ? "completed_with_errors" : "completed", now);
  }

  private maybeProgress(now: number): void {
    const meta = this.meta!;
    const final = FINAL_RUN_STATUSES.includes(meta.status);
    if (!final && (!this.progressDirty || now - this.lastProgressAt < PROGRESS_INTERVAL_MS)) return;
    if (final && !this.progressDirty) return;
    this.progressDirty = false;
    this.lastProgressAt = now;
    this.emit({ type: "progress", progress: this.progress(), status: meta.status });
  }

  private maybeUpdateIndex(now: number): void {
    if (now - this.lastIndexAt < INDEX_INTERVAL_MS) return;
    this.updateIndex(now);
  }

  /** The D1 row lists and filters use; written at milestones, never per step. */
  private updateIndex(now: number): void {
    const meta = this.meta;
    if (!meta) return;
    this.lastIndexAt = now;
    const progress = this.progress();
    this.ctx.waitUntil(
      this.env.DB.prepare(
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
        .then(() => undefined)
        .catch((err: unknown) => {
          // The index is a cache of this object's state; the next milestone rewrites it.
          console.error(
            JSON.stringify({
              level: "error",
              msg: "workflow index update failed",
              run: meta.id,
              error: String(err),
            }),
          );
        }),
    );
  }

  private setStatus(status: RunStatus, now: number): void {
    const meta = this.meta!;
    if (meta.status === status) return;
    meta.status = status;
    meta.updatedAt = now;
    if (FINAL_RUN_STATUSES.includes(status)) meta.finishedAt = now;
    this.saveMeta(meta);
    this.progressDirty = true;
    this.lastProgressAt = 0;
    if (FINAL_RUN_STATUSES.includes(status)) {
      this.emit({ type: "progress", progress: this.progress(), status });
      this.emit({ type: "done", run: this.summary() });
    }
    this.lastIndexAt = 0;
  }

  private saveMeta(meta: RunMeta): void {
    this.meta = meta;
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO run_meta (key, value) VALUES ('run', ?)",
      JSON.stringify(meta),
    );
  }

  private progress(): Progress {
    const g = this.graph;
    const done = g.count("done");
    const finished = done + g.count("failed") + g.count("skipped") + g.count("cancelled");
    const remaining = g.total - finished;
    const meta = this.meta;
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
        finished > 0 && remaining > 0
          ? Math.round((elapsed / finished) * remaining)
          : finished > 0
            ? 0
            : null,
    };
  }

  // ---- reviews --------------------------------------------------------------------------------

  private afterReview(gateId: string, action: ReviewAction): void {
    const gate = this.graph.gate(gateId);
    if (action.action === "edit" || action.action === "select") {
      this.emit({ type: "review", review: this.reviewEvent(gateId, "open") });
    } else if (gate && action.action !== "back" && action.action !== "revise") {
      this.emit({
        type: "review",
        review: { ...this.reviewEvent(gateId, "closed"), resolution: action.action },
      });
    }
    this.progressDirty = true;
  }

  /** Applies actions that arrived before their gate opened, oldest first. */
  private applyBufferedReviews(): void {
    while (this.openedGates.length > 0) {
      const gate = this.openedGates.shift()!;
      const row = this.ctx.storage.sql
        .exec("SELECT id, action FROM pending_reviews WHERE gate = ? ORDER BY id LIMIT 1", gate)
        .toArray()[0];
      if (!row) continue;
      this.ctx.storage.sql.exec("DELETE FROM pending_reviews WHERE id = ?", row.id);
      const { review: action, outputRef } = decodePendingReview(String(row.action));
      const result = applyReview(this.graph, gate, action, Date.now(), outputRef);
      if (result.ok && result.applied) this.afterReview(gate, action);
      else if (!result.ok)
        this.emit({
          type: "error",
          error: { code: result.code, message: result.message, details: { gate } },
        });
    }
  }

  private reviewEvent(gateId: string, state: "open" | "closed"): ReviewEvent {
    const gate = this.graph.gate(gateId);
    const reviews = gate?.reviews ?? "";
    const found = this.graph.output(reviews);
    const text = JSON.stringify(found?.output ?? null);
    const truncated = text.length > PREVIEW_LIMIT_CHARS;
    return {
      gate: gateId,
      reviews,
      state,
      version: found?.version ?? 0,
      versions: this.graph.versionsOf(reviews),
      preview: truncated ? text.slice(0, PREVIEW_LIMIT_CHARS) : (found?.output ?? null),
      truncated,
    };
  }

  private openReviews(): ReviewEvent[] {
    return this.ctx.storage.sql
      .exec("SELECT id FROM nodes WHERE kind = 'gate' AND status = 'waiting' ORDER BY seq")
      .toArray()
      .map((row) => this.reviewEvent(String(row.id), "open"));
  }

  // ---- live events ----------------------------------------------------------------------------

  private emit(event: NewEvent): void {
    this.outbox.push(this.log.append(event));
  }

  private flushOutbox(): void {
    if (this.outbox.length === 0) return;
    const entries = this.outbox;
    this.outbox = [];
    for (const { message, json } of entries) {
      this.broadcast(json);
      this.sse.send(message, json);
    }
  }

  private snapshot(): ServerMessage {
    return { type: "snapshot", seq: this.log.head, run: this.summary(), openReviews: this.openReviews() };
  }

  /** What a (re)connecting client needs: what it missed after `since`, or a snapshot. */
  private catchUp(since: number | null): ServerMessage[] {
    if (since !== null) {
      if (since > this.log.head) return [sinceAheadError(since, this.log.head), this.snapshot()];
      const missed = this.log.since(since);
      if (missed) return missed;
    }
    return [this.snapshot()];
  }

  /** A socket is tagged with its key's id (connection-auth.ts), which survives hibernation. */
  override getConnectionTags(_connection: Connection, ctx: ConnectionContext): string[] {
    const keyId = requestKeyId(ctx.request);
    return keyId ? [keyTag(keyId)] : [];
  }

  override onConnect(connection: Connection, ctx: ConnectionContext): void {
    if (!this.meta) {
      connection.close(4004, "no such run");
      return;
    }
    if (!connectionKeyId(connection)) return closeRevoked(connection, this.log.head);
    const since = parseSeq(new URL(ctx.request.url).searchParams.get("since"));
    for (const message of this.catchUp(since)) connection.send(JSON.stringify(message));
  }

  override async onMessage(connection: Connection, raw: WSMessage): Promise<void> {
    const sendError = (code: string, message: string, details?: unknown) =>
      connection.send(
        JSON.stringify({ type: "error", seq: this.log.head, error: { code, message, details } }),
      );
    const maxBytes = maxMessageBytes(this.env);
    if (isTooLarge(raw, maxBytes)) {
      const tooLarge = tooLargeError(maxBytes);
      return sendError(tooLarge.code, tooLarge.message, tooLarge.details);
    }
    if (typeof raw !== "string") return sendError("invalid_message", "Messages must be JSON text");
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return sendError("invalid_message", "Message is not valid JSON");
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success) {
      return sendError("invalid_message", "Message does not match the protocol", {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    const message = parsed.data;
    // Every action re-checks the key in D1; a subscribe may reuse a recent answer.
    const keyId = connectionKeyId(connection);
    if (!(await this.keys.isActive(keyId, message.type !== "subscribe"))) {
      if (keyId) await this.revokeKey(keyId);
      else closeRevoked(connection, this.log.head);
      return;
    }
    let result: RpcResult<unknown>;
    switch (message.type) {
      case "subscribe":
        for (const m of this.catchUp(message.since ?? null)) connection.send(JSON.stringify(m));
        return;
      case "review":
        result = await this.review(message.gate, message.review);
        break;
      default:
        result = await this.control(message.type);
    }
    if (!result.ok) return sendError(result.error.code, result.error.message, result.error.details);
    if (this.meta) await auditSocketAction(this.env.DB, this.meta, keyId, message);
  }

  /** Server-Sent Events: the same messages as the WebSocket, resumable with Last-Event-ID. */
  override async onRequest(request: Request): Promise<Response> {
    if (!this.meta) return new Response("no such run", { status: 404 });
    const keyId = requestKeyId(request);
    if (!keyId) return new Response("no key", { status: 401 });
    const since = parseSeq(
      request.headers.get("Last-Event-ID") ?? new URL(request.url).searchParams.get("since"),
    );
    return this.sse.open(this.catchUp(since), keyId);
  }

  // ---- RPC: live access (connection-auth.ts, live-tickets.ts) -----------------------------------

  /** A single-use ticket that opens one live stream of this run as `keyId`. */
  async issueTicket(keyId: string): Promise<RpcResult<{ ticket: string; expiresAt: number }>> {
    if (!this.meta) return this.fail(404, "not_found", "No such run");
    return { ok: true, value: await this.tickets.issue(keyId, Date.now()) };
  }

  /** Spends a ticket: the id of the key that bought it, or null. */
  async redeemTicket(ticket: string): Promise<string | null> {
    if (!this.meta) return null;
    return this.tickets.redeem(ticket, Date.now());
  }

  /** A key was revoked: close its sockets and streams here and drop its unspent tickets. */
  async revokeKey(keyId: string): Promise<{ closed: number }> {
    this.keys.markRevoked(keyId);
    this.tickets.forgetKey(keyId);
    const closed = closeKeyConnections(this.getConnections(keyTag(keyId)), this.sse, keyId, this.log.head);
    return { closed };
  }

  private async recheckLiveKeys(): Promise<void> {
    const ids = liveKeyIds(this.getConnections(), this.sse);
    if (ids.length === 0) return;
    const active = await this.keys.activeOf(ids);
    for (const id of ids) if (!active.has(id)) await this.revokeKey(id);
  }

  private fail(
    status: RpcError["status"],
    code: string,
    message: string,
    details?: unknown,
  ): { ok: false; error: RpcError } {
    return { ok: false, error: { status, code, message, ...(details === undefined ? {} : { details }) } };
  }
}
