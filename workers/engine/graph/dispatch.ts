/**
 * Handing steps out and taking their results back. A lease id makes every report idempotent:
 * only the current lease's first report counts, so at-least-once delivery never applies a result
 * twice, and a consumer that went silent is replaced when its lease expires.
 */
import type { NodeStatus } from "../protocol";
import { retryDelayMs } from "../retry-policy";
import type { Assignment, RunInfo, StepOutcome } from "../types";
import { addNodes } from "./build";
import { dependencyOutputs } from "./dependency-outputs";
import type { GraphCore, SettleItem } from "./core";
import { EngineError } from "./errors";
import { settleAll } from "./settle";
import { num, str } from "./sql-port";
import { nextVersion, recordVersion } from "./versions";

/** A step handed out for execution; the lease id makes its report idempotent. */
export type Lease = { nodeId: string; leaseId: string; attempt: number };

/** Leases up to `limit` ready steps in creation order. */
export function lease(g: GraphCore, limit: number, leaseMs: number, now: number): Lease[] {
  if (limit <= 0) return [];
  const rows = g.sql
    .exec("SELECT id, attempts FROM nodes WHERE status = 'ready' ORDER BY seq LIMIT ?", limit)
    .toArray();
  return rows.map((row) => {
    const leased: Lease = {
      nodeId: String(row.id),
      leaseId: crypto.randomUUID(),
      attempt: num(row.attempts) + 1,
    };
    g.sql.exec(
      "UPDATE nodes SET status = 'leased', attempts = ?, lease_id = ?, lease_until = ?, started = 0 WHERE id = ?",
      leased.attempt,
      leased.leaseId,
      now + leaseMs,
      leased.nodeId,
    );
    g.move("ready", "leased");
    return leased;
  });
}

/**
 * A consumer starts a step. Returns null when the lease is no longer current (a duplicate
 * delivery, an expired lease already re-dispatched, a cancelled run): the step must not run.
 * The step's deadline counts from here: time its message spent waiting in the queue (behind a
 * busy consumer, say) is not time the step had to run.
 */
export function claim(
  g: GraphCore,
  nodeId: string,
  leaseId: string,
  run: RunInfo,
  now: number,
  claimer: string | null = null,
): Assignment | null {
  // A claimer (the queue message's id) may claim again: its first claim can have been applied
  // with the answer lost (the object restarted mid-call), and the message's retry is the same
  // delivery. Any other message for the lease — a duplicate delivery — gets nothing.
  const row = g.one(
    `UPDATE nodes SET started = 1, claimed_by = ?, lease_until = ?
     WHERE id = ? AND status = 'leased' AND lease_id = ? AND (started = 0 OR claimed_by = ?)
     RETURNING handler, input, attempts, version, feedback, fallback, lease_until`,
    claimer,
    now + run.options.leaseMs,
    nodeId,
    leaseId,
    claimer,
  );
  if (!row) return null;
  const assignment: Assignment = {
    runId: run.id,
    tenantId: run.tenantId,
    ...(run.apiKeyId ? { apiKeyId: run.apiKeyId } : {}),
    ...(run.traceId ? { traceId: run.traceId } : {}),
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
  if (num(row.fallback) === 1) assignment.fallback = true;
  const outputs = dependencyOutputs(g, nodeId);
  if (outputs) assignment.dependencyOutputs = outputs;
  return assignment;
}

/** Records a step's outcome under its lease; "stale" when that lease is no longer current. */
export function complete(
  g: GraphCore,
  nodeId: string,
  leaseId: string,
  outcome: StepOutcome,
  run: RunInfo,
  now: number,
  hasHandler: (name: string) => boolean,
): "accepted" | "stale" {
  const row = g.one(
    "SELECT status, lease_id, attempts, version, reviewed, feedback, fallback FROM nodes WHERE id = ?",
    nodeId,
  );
  if (!row || row.status !== "leased" || row.lease_id !== leaseId) return "stale";
  const attempt = num(row.attempts);
  const settle: SettleItem[] = [];

  if (outcome.ok) {
    const version = nextVersion(g, nodeId, num(row.version));
    const output = outcome.output === undefined ? null : JSON.stringify(outcome.output);
    const usage = outcome.usage ?? {};
    g.sql.exec(
      `UPDATE nodes SET status = 'done', output = ?, output_ref = ?, version = ?, lease_id = NULL,
         lease_until = NULL, feedback = NULL, error = NULL, cost_usd = cost_usd + ?, tokens_in = tokens_in + ?,
         tokens_out = tokens_out + ?, provider = ?, model = ?, prompt = ?, duration_ms = ?, finished_at = ?
       WHERE id = ?`,
      output,
      outcome.outputRef ?? null,
      version,
      usage.costUsd ?? 0,
      usage.tokensIn ?? 0,
      usage.tokensOut ?? 0,
      usage.provider ?? null,
      usage.model ?? null,
      usage.prompt ? JSON.stringify(usage.prompt) : null,
      outcome.durationMs,
      now,
      nodeId,
    );
    g.move("leased", "done");
    g.addSpent(usage);
    if (num(row.reviewed) === 1) {
      const skipped = num(row.fallback) === 1;
      const feedback = skipped ? "skipped" : str(row.feedback);
      const source = skipped ? "fallback" : "run";
      recordVersion(g, nodeId, version, output, outcome.outputRef ?? null, source, usage, now, feedback);
    }
    g.listener.node({ id: nodeId, status: "done", attempt, version });
    for (const artifact of outcome.artifacts ?? []) g.listener.artifact(nodeId, artifact);
    const spawn = outcome.spawn ?? [];
    if (spawn.length > 0) {
      try {
        addNodes(g, spawn, nodeId, now, hasHandler);
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        // A handler that spawns an invalid graph is a bug in that handler: fail the node.
        g.sql.exec("UPDATE nodes SET status = 'failed', error = ? WHERE id = ?", err.message, nodeId);
        g.move("done", "failed");
        g.listener.node({ id: nodeId, status: "failed", attempt, version, error: err.message });
        settle.push({ id: nodeId, failed: true });
      }
    } else {
      settle.push({ id: nodeId, failed: false });
    }
  } else if (outcome.budgetExhausted) {
    // The step never reached its provider: back to ready without spending an attempt. The run
    // object stops dispatching (budget_exhausted) until someone resumes it.
    g.sql.exec(
      "UPDATE nodes SET status = 'ready', lease_id = NULL, lease_until = NULL, attempts = attempts - 1, error = ? WHERE id = ?",
      outcome.error,
      nodeId,
    );
    g.move("leased", "ready");
    g.listener.node({
      id: nodeId,
      status: "ready",
      attempt: attempt - 1,
      version: num(row.version),
      error: outcome.error,
    });
  } else if (outcome.retryable && attempt < run.options.maxAttempts) {
    const delay = retryDelayMs(attempt, run.options.retryBaseMs, outcome.retryAfterMs);
    g.sql.exec(
      "UPDATE nodes SET status = 'retry_wait', lease_id = NULL, lease_until = NULL, not_before = ?, error = ? WHERE id = ?",
      now + delay,
      outcome.error,
      nodeId,
    );
    g.move("leased", "retry_wait");
    g.listener.node({
      id: nodeId,
      status: "retry_wait",
      attempt,
      version: num(row.version),
      error: outcome.error,
      retryInMs: delay,
    });
  } else {
    fail(g, nodeId, "leased", attempt, num(row.version), outcome.error, now, settle);
  }
  settleAll(g, settle);
  return "accepted";
}

/**
 * Fails a leased step for a reason of the engine's own (its result could not be recorded), so a
 * report that can never apply ends the step instead of being retried by its consumer forever.
 */
export function failLeased(
  g: GraphCore,
  nodeId: string,
  leaseId: string,
  error: string,
  now: number,
): boolean {
  const row = g.one("SELECT status, lease_id, attempts, version FROM nodes WHERE id = ?", nodeId);
  if (!row || row.status !== "leased" || row.lease_id !== leaseId) return false;
  const settle: SettleItem[] = [];
  fail(g, nodeId, "leased", num(row.attempts), num(row.version), error, now, settle);
  settleAll(g, settle);
  return true;
}

export function fail(
  g: GraphCore,
  id: string,
  from: NodeStatus,
  attempt: number,
  version: number,
  error: string,
  now: number,
  settle: SettleItem[],
): void {
  g.sql.exec(
    "UPDATE nodes SET status = 'failed', lease_id = NULL, lease_until = NULL, error = ?, finished_at = ? WHERE id = ?",
    error,
    now,
    id,
  );
  g.move(from, "failed");
  g.listener.node({ id, status: "failed", attempt, version, error });
  settle.push({ id, failed: true });
}

/**
 * Expired leases. A step that was claimed and never reported back is retried (the expiry was the
 * wait) or failed after its last attempt. A step whose message was never claimed did not run: it
 * is handed out again without spending an attempt.
 */
export function expireLeases(g: GraphCore, now: number, maxAttempts: number): number {
  const rows = g.sql
    .exec(
      "SELECT id, attempts, version, started FROM nodes WHERE status = 'leased' AND lease_until <= ?",
      now,
    )
    .toArray();
  const settle: SettleItem[] = [];
  const error = "lease expired: the consumer did not report back in time";
  for (const row of rows) {
    const id = String(row.id);
    if (num(row.started) === 0) {
      g.sql.exec(
        "UPDATE nodes SET status = 'ready', lease_id = NULL, lease_until = NULL, attempts = attempts - 1 WHERE id = ?",
        id,
      );
      g.move("leased", "ready");
      continue;
    }
    if (num(row.attempts) >= maxAttempts) {
      fail(g, id, "leased", num(row.attempts), num(row.version), error, now, settle);
      continue;
    }
    g.sql.exec(
      "UPDATE nodes SET status = 'ready', lease_id = NULL, lease_until = NULL, error = ? WHERE id = ?",
      error,
      id,
    );
    g.move("leased", "ready");
    g.listener.node({ id, status: "ready", attempt: num(row.attempts), version: num(row.version), error });
  }
  settleAll(g, settle);
  return rows.length;
}

/**
 * After the run's object restarted: leases whose message was never claimed may have been lost
 * with it (the lease was stored, the send never happened). They go back to ready without
 * spending an attempt and are sent again; a message of the old lease that does arrive finds its
 * lease gone at its claim, so nothing runs twice. Claimed steps keep their lease: their consumer
 * is still working and reports to the new object.
 */
export function releaseUnclaimed(g: GraphCore): number {
  const rows = g.sql
    .exec(
      `UPDATE nodes SET status = 'ready', lease_id = NULL, lease_until = NULL, attempts = attempts - 1
       WHERE status = 'leased' AND started = 0 RETURNING id`,
    )
    .toArray();
  if (rows.length > 0) g.move("leased", "ready", rows.length);
  return rows.length;
}

export function releaseRetries(g: GraphCore, now: number): number {
  const rows = g.sql
    .exec(
      "UPDATE nodes SET status = 'ready', not_before = NULL WHERE status = 'retry_wait' AND not_before <= ? RETURNING id",
      now,
    )
    .toArray();
  if (rows.length > 0) g.move("retry_wait", "ready", rows.length);
  return rows.length;
}

/** The earliest moment something time-based must happen (lease expiry, retry due). */
export function nextWakeAt(g: GraphCore): number | null {
  const leaseAt = g.one("SELECT min(lease_until) AS t FROM nodes WHERE status = 'leased'")?.t;
  const retryAt = g.one("SELECT min(not_before) AS t FROM nodes WHERE status = 'retry_wait'")?.t;
  const times = [leaseAt, retryAt].filter((t): t is number => typeof t === "number");
  return times.length ? Math.min(...times) : null;
}
