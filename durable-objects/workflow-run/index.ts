/**
 * WorkflowRun — one Durable Object per workflow run: the adapter that gives a run's graph
 * (workers/engine/graph, pure rules) its storage, alarm and live clients. It hands ready steps to
 * queue consumers under leases, records their results idempotently, keeps review gates, and
 * streams every change over WebSockets (partyserver, hibernating) and Server-Sent Events.
 *
 * The object never runs a step and never imports pipelines: the API hands it a built graph, and
 * the Worker entry hands it a StepCatalog (`catalog()`) to check handler names and edited outputs.
 * Every mutation is one storage transaction; if it throws, the memory state derived from storage
 * is derived again, so a failure can leave neither partial rows nor wrong counters.
 */
import { Server, type Connection, type ConnectionContext, type WSMessage } from "partyserver";
import { EngineError, migrateGraphSchema, RunGraph } from "../../workers/engine/graph";
import type {
  Acted,
  Actor,
  NodeStatus,
  ReviewAction,
  RunSummary,
  ServerMessage,
} from "../../workers/engine/protocol";
import { credentialActor } from "../../workers/auth/key-actor";
import type {
  NodeOutput,
  RpcResult,
  RunDescription,
  RunInit,
  StepBatchReply,
  StepClaim,
  StepReply,
  StepReport,
  VersionView,
  WorkflowRunRpc,
} from "../../workers/engine/run-rpc";
import type { StepCatalog } from "../../workers/engine/step-catalog";
import type { ModeChange, ReviewRecord, RunMode } from "../../workers/protocol/workflows";
import type { Assignment, StepOutcome } from "../../workers/engine/types";
import { faultEnabled } from "../../workers/engine/fault-injection";
import { LiveChannel } from "./live-channel";
import { loadLiveProtocol } from "./live-protocol";
import { loadCriticSchemas } from "../../workers/engine/agent-review";
import { ReviewDesk } from "./review-desk";
import { recordPromptDecision } from "./prompt-decisions";
import { RunIndex } from "./run-index";
import { isFinal, RunRecord, summaryOf, type RunMeta } from "./run-record";
import { countRunStatus, Scheduler } from "./scheduler";
import { parseSeq } from "./sse-streams";
import { auditSocketAction } from "./audit";
import { authorize, refusalMessage, socketAction } from "../../workers/auth/permissions";
import {
  closeKeyConnections,
  closeRevoked,
  connectionKeyId,
  KeyVerdicts,
  keyTag,
  liveKeyIds,
  requestKeyId,
} from "./connection-auth";
import { offloadLargeEdit } from "./edit-storage";
import { LiveTickets } from "./live-tickets";
import { Presence } from "./presence";
import { isTooLarge, maxMessageBytes, tooLargeError } from "./socket-limits";
import { RUN_OBJECT_TABLES } from "./store-schema";
import { RpcCounts } from "./rpc-counts";
import { log } from "../../workers/observability/log";

export abstract class WorkflowRunObject extends Server<Env> implements WorkflowRunRpc {
  static override options = { hibernate: true };

  private readonly graph: RunGraph;
  private readonly record: RunRecord;
  private readonly live: LiveChannel;
  private readonly desk: ReviewDesk;
  private readonly scheduler: Scheduler;
  private readonly tickets: LiveTickets;
  private readonly keys: KeyVerdicts;
  private readonly presence: Presence;
  /** Key names by key id, for the `acted` messages of socket actions (names rarely change). */
  private readonly actors = new Map<string, Actor>();
  /** Consumer calls by kind (rpc-counts.ts), read by tests. */
  readonly rpcCounts = new RpcCounts();

  /** The pipelines' handlers and output schemas, supplied by the Worker entry. */
  protected abstract catalog(): StepCatalog;
  /**
   * Loads what `catalog()` returns; awaited before the object takes its first event. Called from
   * the constructor's blockConcurrencyWhile after an await, so a subclass's fields exist by then.
   */
  protected abstract loadCatalog(): Promise<void>;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    migrateGraphSchema(sql, RUN_OBJECT_TABLES);
    this.tickets = new LiveTickets(sql);
    this.keys = new KeyVerdicts(env.DB, () => this.record.meta?.tenantId);
    this.live = new LiveChannel(
      sql,
      (json) => this.sendToAll(json),
      (head) => this.snapshot(head),
    );
    this.presence = new Presence(
      sql,
      () => this.watcherCount(),
      () => this.live.head,
      (json) => this.broadcast(json),
    );
    this.graph = new RunGraph(sql, {
      node: (node) => this.live.emit({ type: "node", node }),
      artifact: (nodeId, a) =>
        this.live.emit({
          type: "artifact",
          artifact: { nodeId, key: a.key, kind: a.kind, contentType: a.contentType },
        }),
      gateOpened: (gate) => this.desk.gateOpened(gate),
    });
    this.record = new RunRecord(sql);
    this.desk = new ReviewDesk(
      sql,
      this.graph,
      (event) => this.live.emit(event),
      () => this.record.meta,
      () => this.catalog(),
      (decision) => {
        const meta = this.record.meta;
        if (meta) ctx.waitUntil(recordPromptDecision(env.DB, meta, decision));
      },
    );
    this.scheduler = new Scheduler({
      ctx,
      env,
      graph: this.graph,
      record: this.record,
      live: this.live,
      desk: this.desk,
      index: new RunIndex(env.DB, (p) => ctx.waitUntil(p)),
      transact: (fn) => this.transact(fn),
    });
    // The live protocol's and the critic's schemas and the step catalog load before the object takes any event
    // (live-protocol.ts, loadCatalog), and before a restarted run hands out its steps again.
    void ctx.blockConcurrencyWhile(async () => {
      await loadLiveProtocol();
      await loadCriticSchemas();
      await this.loadCatalog();
      await this.resumeAfterRestart();
    });
  }

  /**
   * A new instance of a running run's object (after eviction, a restart, a move): step messages
   * sent just before the old one stopped may never have left, so unclaimed leases are handed
   * out again at once instead of after their lease (graph/dispatch.ts, releaseUnclaimed).
   */
  private async resumeAfterRestart(): Promise<void> {
    const meta = this.record.meta;
    if (meta?.status !== "running" || this.graph.count("leased") === 0) return;
    if (this.transact(() => this.graph.releaseUnclaimed()) === 0) return;
    this.scheduler.changed();
    await this.scheduler.afterChange(0);
  }

  /** Reachability probe for GET /health: answers without touching storage. */
  ping(): "pong" {
    return "pong";
  }

  // ---- RPC: lifecycle -----------------------------------------------------------------------

  /** Creates the run's graph. Idempotent: a second call returns the existing run. */
  async create(init: RunInit): Promise<RpcResult<RunSummary>> {
    if (this.record.meta) return { ok: true, value: this.summary() };
    const catalog = this.catalog();
    const now = Date.now();
    const meta: RunMeta = {
      id: init.id,
      tenantId: init.tenantId,
      pipeline: init.pipeline,
      options: init.options,
      ...(init.apiKeyId ? { apiKeyId: init.apiKeyId } : {}),
      ...(init.traceId ? { traceId: init.traceId } : {}),
      title: init.title,
      status: "running",
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      error: null,
    };
    return this.result(async () => {
      this.transact(() => {
        this.record.save(meta);
        this.graph.addNodes(init.nodes, null, now, (h) => catalog.hasHandler(init.pipeline, h));
      });
      countRunStatus(meta, "running");
      await this.scheduler.afterChange(0);
      return this.summary();
    });
  }

  async control(
    action: "pause" | "resume" | "cancel" | "retry",
    change: { budgetUsd?: number } = {},
    actor?: Actor,
  ): Promise<RpcResult<RunSummary>> {
    return this.result(async () => {
      const meta = this.requireRun();
      const now = Date.now();
      if (change.budgetUsd !== undefined && action !== "resume")
        throw new EngineError(400, "invalid_change", "A new budget is given with resume only");
      let acted: Acted | null = null;
      if (action === "retry") {
        if (["running", "paused", "budget_exhausted", "completed"].includes(meta.status)) {
          throw new EngineError(409, "nothing_to_retry", `The run is ${meta.status}`);
        }
        this.transact(() => {
          this.scheduler.changeStatus("running", now, null);
          this.graph.retryFailed();
          acted = this.logActed(actor, action, undefined, now);
        });
        // A finished run was not told of revocations; it is about to send events again.
        await this.recheckLiveKeys();
      } else {
        if (isFinal(meta.status)) throw new EngineError(409, "run_finished", `The run is ${meta.status}`);
        this.transact(() => {
          if (action === "cancel") this.graph.cancelAll(now);
          if (change.budgetUsd !== undefined) this.scheduler.changeBudget(change.budgetUsd, now);
          this.scheduler.changeStatus(
            action === "pause" ? "paused" : action === "resume" ? "running" : "cancelled",
            now,
            action === "resume" && meta.status === "budget_exhausted" ? null : undefined,
          );
          acted = this.logActed(actor, action, undefined, now);
        });
      }
      if (acted) this.presence.acted(acted);
      await this.scheduler.afterChange(0);
      return this.summary();
    });
  }

  /** Deletes everything the object stores. The API removes R2 objects and index rows. */
  async destroy(): Promise<void> {
    for (const connection of this.getConnections()) connection.close(1000, "run deleted");
    this.live.closeAll();
    await this.scheduler.stopAlarm();
    await this.ctx.storage.deleteAll();
    this.record.meta = null;
  }

  /**
   * The `reset-route` fault: the runtime resets the object as when Cloudflare restarts or moves
   * it — memory dropped, sockets closed, storage kept — and the next call starts it afresh.
   * The abort happens after this call has answered, so the caller sees it succeed.
   */
  async resetForFaultInjection(): Promise<void> {
    if (!faultEnabled(this.env, "reset-route")) return;
    setTimeout(() => this.ctx.abort("fault injection: reset"), 0);
  }

  // ---- RPC: consumers -----------------------------------------------------------------------

  /**
   * A consumer received a queued lease: returns the step to run, or null if it must not run.
   * `claimer` (the message id) lets a retried delivery claim again (graph/dispatch.ts).
   */
  async claim(nodeId: string, leaseId: string, claimer?: string): Promise<Assignment | null> {
    const [assignment] = await this.claimMany([{ nodeId, leaseId, ...(claimer ? { claimer } : {}) }]);
    return assignment ?? null;
  }

  /**
   * The claims of one queue delivery at once (a consumer's batch of messages for this run): one
   * RPC and one commit instead of one per message. Null for each step that must not run.
   */
  async claimMany(claims: StepClaim[]): Promise<(Assignment | null)[]> {
    this.rpcCounts.count("claim", claims.length);
    const meta = this.record.meta;
    if (!meta) return claims.map(() => null);
    const now = Date.now();
    return this.transact(() =>
      claims.map(({ nodeId, leaseId, claimer }) => this.graph.claim(nodeId, leaseId, meta, now, claimer)),
    );
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
  ): Promise<StepReply> {
    const { replies } = await this.completeMany([{ nodeId, leaseId, outcome, acceptNext }]);
    return replies[0] ?? { accepted: false, next: null };
  }

  /**
   * Several reports at once (a consumer's slots often finish together). Each is its own
   * transaction, so one report that cannot apply (a spawn the storage refuses, say) is rolled
   * back alone and its step failed with the reason, instead of failing every report with it and
   * being redelivered forever. The writes of one call still reach disk in one commit.
   *
   * `spareSlots`: how many more steps the reporting consumer can run alongside. Steps that become
   * ready go to it first; only the rest are sent through the queue, where (locally always, and
   * on Cloudflare until the queue scales out) they would wait for the busy consumer to finish.
   */
  async completeMany(reports: StepReport[], spareSlots = 0): Promise<StepBatchReply> {
    this.rpcCounts.count("report", reports.length);
    const meta = this.record.meta;
    if (!meta) return { replies: reports.map(() => ({ accepted: false, next: null })), extra: [] };
    const catalog = this.catalog();
    const hasHandler = (h: string) => catalog.hasHandler(meta.pipeline, h);
    const now = Date.now();
    const accepted = reports.map(({ nodeId, leaseId, outcome }) => {
      try {
        return (
          this.transact(() => this.graph.complete(nodeId, leaseId, outcome, meta, now, hasHandler)) ===
          "accepted"
        );
      } catch (err) {
        const reason = `the step's result could not be recorded: ${err instanceof Error ? err.message : String(err)}`;
        log.error("step report failed", {
          runId: meta.id,
          traceId: meta.traceId,
          nodeId,
          tenantId: meta.tenantId,
          error: reason,
        });
        return this.transact(() => this.graph.failLeased(nodeId, leaseId, reason, now));
      }
    });
    if (accepted.some(Boolean)) this.scheduler.changed();
    for (const [i, { nodeId, outcome }] of reports.entries()) {
      if (!accepted[i] || outcome.ok || !outcome.budgetExhausted) continue;
      this.transact(() => this.scheduler.budgetExhausted(nodeId, outcome.error, now));
      break;
    }
    const wanting = reports.filter((r, i) => r.acceptNext && accepted[i]).length;
    const spare = wanting > 0 ? Math.max(0, Math.floor(spareSlots)) : 0;
    const handed = await this.scheduler.afterChange(wanting + spare);
    const replies = reports.map((r, i) => ({
      accepted: accepted[i] ?? false,
      next: r.acceptNext && accepted[i] ? (handed.shift() ?? null) : null,
    }));
    return { replies, extra: handed };
  }

  async readOutput(nodeId: string, options?: { revising?: boolean }): Promise<RpcResult<NodeOutput>> {
    this.rpcCounts.count("readOutput");
    return this.result(() => {
      const found = this.graph.output(nodeId);
      if (!found) throw new EngineError(404, "unknown_node", `No node "${nodeId}" in this run`);
      const hasVersion = found.version > 0 && (found.output !== null || found.outputRef !== null);
      if (found.status !== "done" && !(options?.revising && hasVersion))
        throw new EngineError(409, "not_done", `Node "${nodeId}" is ${found.status}`);
      return { output: found.output, outputRef: found.outputRef, version: found.version };
    });
  }

  async compareVersions(nodeId: string, versions: number[]): Promise<RpcResult<VersionView[]>> {
    return this.result(() => {
      const meta = this.requireRun();
      const handler = this.graph.nodeHandler(nodeId);
      if (handler === null) throw new EngineError(404, "unknown_node", `No node "${nodeId}" in this run`);
      const found = this.graph.versionOutputs(nodeId, versions);
      const missing = versions.filter((v) => !found.some((f) => f.version === v));
      if (missing.length > 0) {
        const kept = this.graph.versionsOf(nodeId).join(", ");
        throw new EngineError(
          404,
          "unknown_version",
          `"${nodeId}" has no version ${missing.join(", ")} (kept: ${kept})`,
        );
      }
      const catalog = this.catalog();
      return found.map((v) => ({
        ...v,
        view:
          v.output === null
            ? null
            : catalog.preview(meta.pipeline, handler, v.output, {
                runId: meta.id,
                nodeId,
                version: v.version,
              }),
      }));
    });
  }

  // ---- RPC: reviews and reading -------------------------------------------------------------

  async review(
    gateId: string,
    action: ReviewAction,
    actor?: Actor,
  ): Promise<RpcResult<{ buffered: boolean; run: RunSummary }>> {
    return this.result(async () => {
      const meta = this.requireRun();
      if (isFinal(meta.status)) throw new EngineError(409, "run_finished", `The run is ${meta.status}`);
      const checked = await offloadLargeEdit(
        this.env.BUCKET,
        meta.id,
        this.desk.check(gateId, action, meta.pipeline, this.catalog()),
      );
      let buffered: boolean;
      let acted: Acted | null = null;
      try {
        buffered = this.transact(() => {
          const now = Date.now();
          const kept = this.desk.apply(gateId, checked, now);
          acted = this.logActed(actor, action.action, gateId, now);
          return kept;
        });
      } catch (err) {
        if (checked.action === "edit" && checked.outputRef) await this.env.BUCKET.delete(checked.outputRef);
        throw err;
      }
      // The new preview goes out as soon as it is written, not after the dispatch pass below.
      this.live.flush();
      if (acted) this.presence.acted(acted);
      this.scheduler.changed();
      await this.scheduler.afterChange(0);
      return { buffered, run: this.summary() };
    });
  }

  /**
   * Switches who answers the gates, effective at the next gate: to `dialog`, gates that open
   * from now on wait for a person (a critic already running is ignored when it answers); to
   * `auto` or `hybrid`, gates waiting now are handed to the critic at once.
   */
  async setMode(mode: RunMode): Promise<RpcResult<ModeChange>> {
    return this.result(async () => {
      const meta = this.requireRun();
      if (isFinal(meta.status)) throw new EngineError(409, "run_finished", `The run is ${meta.status}`);
      const previous = meta.options.mode ?? "dialog";
      const now = Date.now();
      const criticsStarted = this.transact(() => {
        this.record.save({ ...meta, options: { ...meta.options, mode }, updatedAt: now });
        return mode === "dialog" ? [] : this.desk.agent.takeOver(now);
      });
      this.scheduler.changed();
      await this.scheduler.afterChange(0);
      return { mode, previous, criticsStarted };
    });
  }

  /** Every answer to a gate so far, by people and by the agent, oldest first. */
  async reviewHistory(afterId = 0, limit = 500): Promise<RpcResult<ReviewRecord[]>> {
    return this.result(() => {
      this.requireRun();
      return this.desk.history.list(afterId, limit);
    });
  }

  async describe(): Promise<RpcResult<RunDescription>> {
    return this.result(() => {
      const meta = this.requireRun();
      return {
        run: this.summary(),
        title: meta.title,
        counts: Object.fromEntries(this.graph.counts),
        tokens: { in: this.graph.spent.tokensIn, out: this.graph.spent.tokensOut },
        failures: this.graph.failures(20),
        budgetUsd: meta.options.budgetUsd ?? null,
      };
    });
  }

  async node(nodeId: string): Promise<RpcResult<Record<string, unknown>>> {
    return this.result(() => {
      const detail = this.graph.detail(nodeId);
      if (!detail) throw new EngineError(404, "unknown_node", `No node "${nodeId}" in this run`);
      return detail;
    });
  }

  async nodes(afterSeq: number, limit: number, status?: NodeStatus): Promise<Record<string, unknown>[]> {
    return this.graph.page(afterSeq, limit, status);
  }

  // ---- alarm and live clients -----------------------------------------------------------------

  override async onAlarm(): Promise<void> {
    await this.scheduler.onAlarm();
  }

  /** A socket is tagged with its key's id (connection-auth.ts), which survives hibernation. */
  override getConnectionTags(_connection: Connection, ctx: ConnectionContext): string[] {
    const keyId = requestKeyId(ctx.request);
    return keyId ? [keyTag(keyId)] : [];
  }

  override onConnect(connection: Connection, ctx: ConnectionContext): void {
    if (!this.record.meta) {
      connection.close(4004, "no such run");
      return;
    }
    if (!connectionKeyId(connection)) return closeRevoked(connection, this.live.head);
    const since = parseSeq(new URL(ctx.request.url).searchParams.get("since"));
    for (const message of this.live.catchUp(since)) connection.send(JSON.stringify(message));
    this.presence.changed();
  }

  override onClose(): void {
    this.presence.changed();
  }

  override async onMessage(connection: Connection, raw: WSMessage): Promise<void> {
    const maxBytes = maxMessageBytes(this.env);
    if (isTooLarge(raw, maxBytes)) return connection.send(this.live.errorMessage(tooLargeError(maxBytes)));
    const message = LiveChannel.parse(raw);
    if (!("type" in message)) return connection.send(this.live.errorMessage(message));
    // Every action re-checks the key in D1; a subscribe may reuse a recent answer.
    const keyId = connectionKeyId(connection);
    const role = await this.keys.isActive(keyId, message.type !== "subscribe");
    if (!role) {
      if (keyId) await this.revokeKey(keyId);
      else closeRevoked(connection, this.live.head);
      return;
    }
    // The same table as the HTTP routes (auth/permissions.ts): a viewer may watch, not act.
    const action = socketAction(message);
    const verdict = authorize({ role, scopes: null }, action);
    // A refused review action says which gate it was for (the app shows it beside that form).
    const about = message.type === "review" ? { gate: message.gate } : {};
    if (!verdict.ok)
      return connection.send(
        this.live.errorMessage({
          code: "forbidden",
          message: refusalMessage({ role, scopes: null }, action, verdict),
          ...about,
        }),
      );
    let result: RpcResult<unknown>;
    switch (message.type) {
      case "subscribe":
        for (const m of this.live.catchUp(message.since ?? null)) connection.send(JSON.stringify(m));
        return;
      case "review":
        result = await this.review(message.gate, message.review, await this.actorOf(keyId));
        break;
      case "mode":
        result = await this.setMode(message.mode);
        break;
      default:
        result = await this.control(
          message.type,
          message.type === "resume" && message.budgetUsd !== undefined
            ? { budgetUsd: message.budgetUsd }
            : {},
          await this.actorOf(keyId),
        );
    }
    if (!result.ok) return connection.send(this.live.errorMessage({ ...result.error, ...about }));
    if (this.record.meta) await auditSocketAction(this.env.DB, this.record.meta, keyId, message);
  }

  /** Server-Sent Events: the same messages as the WebSocket, resumable with Last-Event-ID. */
  override async onRequest(request: Request): Promise<Response> {
    if (!this.record.meta) {
      return Response.json({ error: { code: "not_found", message: "No such run" } }, { status: 404 });
    }
    const keyId = requestKeyId(request);
    if (!keyId) {
      return Response.json({ error: { code: "unauthorized", message: "No key" } }, { status: 401 });
    }
    const since = parseSeq(
      request.headers.get("Last-Event-ID") ?? new URL(request.url).searchParams.get("since"),
    );
    const stream = this.live.openStream(since, keyId);
    this.presence.changed();
    return stream;
  }

  // ---- presence (presence.ts) -----------------------------------------------------------------

  /** Open WebSockets and event streams: a closing socket no longer counts. */
  private watcherCount(): number {
    let open = 0;
    for (const connection of this.getConnections()) if (connection.readyState === WebSocket.OPEN) open++;
    return open + this.live.streams.size;
  }

  /** Logs who did what, in the transaction that does it (nothing when no actor is known). */
  private logActed(actor: Actor | undefined, action: Acted["action"], gate: string | undefined, at: number) {
    if (!actor) return null;
    const acted: Acted = { actor, action, ...(gate ? { gate } : {}), at };
    this.live.emit({ type: "acted", ...acted });
    return acted;
  }

  private async actorOf(keyId: string | null): Promise<Actor | undefined> {
    if (!keyId) return undefined;
    let actor = this.actors.get(keyId);
    if (!actor) {
      actor = await credentialActor(this.env.DB, keyId);
      this.actors.set(keyId, actor);
    }
    return actor;
  }

  // ---- RPC: live access (connection-auth.ts, live-tickets.ts) -----------------------------------

  /** A single-use ticket that opens one live stream of this run as `keyId`. */
  async issueTicket(keyId: string): Promise<RpcResult<{ ticket: string; expiresAt: number }>> {
    return this.result(async () => {
      this.requireRun();
      return this.tickets.issue(keyId, Date.now());
    });
  }

  /** Spends a ticket: the id of the key that bought it, or null. */
  async redeemTicket(ticket: string): Promise<string | null> {
    if (!this.record.meta) return null;
    return this.tickets.redeem(ticket, Date.now());
  }

  /** A key was revoked: close its sockets and streams here and drop its unspent tickets. */
  async revokeKey(keyId: string): Promise<{ closed: number }> {
    this.keys.markRevoked(keyId);
    this.tickets.forgetKey(keyId);
    const connections = this.getConnections(keyTag(keyId));
    return { closed: closeKeyConnections(connections, this.live.streams, keyId, this.live.head) };
  }

  private async recheckLiveKeys(): Promise<void> {
    const ids = liveKeyIds(this.getConnections(), this.live.streams);
    if (ids.length === 0) return;
    const active = await this.keys.activeOf(ids);
    for (const id of ids) if (!active.has(id)) await this.revokeKey(id);
  }

  // ---- plumbing -------------------------------------------------------------------------------

  /**
   * Every open socket gets `json` (one string for all). Not partyserver's `broadcast`: it
   * deserialises each socket's attachment on every call to check that it is a partyserver socket
   * (all of ours are), which at 1,000 watchers cost more than the sends themselves.
   */
  private sendToAll(json: string): void {
    for (const ws of this.ctx.getWebSockets()) {
      if (ws.readyState !== WebSocket.READY_STATE_OPEN) continue;
      try {
        ws.send(json);
      } catch (err) {
        // A socket that cannot take a message is broken; closing it makes its client reconnect
        // and catch up from its last seq (what partyserver's broadcast does too).
        console.error(JSON.stringify({ level: "warn", msg: "live send failed", error: String(err) }));
        ws.close(1011, "Unexpected error");
      }
    }
  }

  private summary(): RunSummary {
    return summaryOf(this.requireRun(), this.graph);
  }

  private snapshot(head: number): ServerMessage {
    return { type: "snapshot", seq: head, run: this.summary(), openReviews: this.desk.openReviews() };
  }

  private requireRun(): RunMeta {
    if (!this.record.meta) throw new EngineError(404, "not_found", "No such run");
    return this.record.meta;
  }

  /**
   * One storage transaction. SQLite rolls the rows back when `fn` throws; this derives the
   * memory state (counters, event head, run record, queued messages) again to match them.
   */
  private transact<T>(fn: () => T): T {
    const liveMark = this.live.mark();
    const deskMark = this.desk.mark();
    try {
      return this.ctx.storage.transactionSync(fn);
    } catch (err) {
      this.graph.reload();
      this.record.reload();
      this.live.rollback(liveMark);
      this.desk.rollback(deskMark);
      throw err;
    }
  }

  /** The one place an engine error becomes an RPC result; anything else is a fault and throws. */
  private async result<T>(fn: () => T | Promise<T>): Promise<RpcResult<T>> {
    try {
      return { ok: true, value: await fn() };
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      const { status, code, message, details } = err;
      return { ok: false, error: { status, code, message, ...(details === undefined ? {} : { details }) } };
    }
  }
}
