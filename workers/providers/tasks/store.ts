/**
 * Gateway tasks in D1. Claiming is one UPDATE … WHERE id = (SELECT … ORDER BY priority DESC)
 * … RETURNING, which D1 runs atomically, so two consumers never take the same task and the
 * highest-priority ready task always goes first whatever order the queue delivers messages in.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { gatewayTasks, type GatewayTaskRow } from "../../db/schema";
import type { CreateTask } from "./schema";

/** A task running longer than this is assumed lost (its consumer died) and may be claimed again. */
export const TASK_LEASE_MS = 10 * 60_000;

export async function insertTask(
  db: Db,
  owner: { tenantId: string; apiKeyId?: string; traceId?: string },
  t: CreateTask,
): Promise<GatewayTaskRow> {
  const now = Date.now();
  return db
    .insert(gatewayTasks)
    .values({
      id: crypto.randomUUID(),
      tenantId: owner.tenantId,
      apiKeyId: owner.apiKeyId,
      traceId: owner.traceId,
      kind: t.kind,
      status: "queued",
      priority: t.priority,
      input: t.input,
      providers: t.providers,
      maxAttempts: t.maxAttempts,
      updatedAt: now,
    })
    .returning()
    .get();
}

export async function claimNextTask(db: Db, now = Date.now()): Promise<GatewayTaskRow | undefined> {
  const next = db
    .select({ id: gatewayTasks.id })
    .from(gatewayTasks)
    .where(
      sql`(${gatewayTasks.status} = 'queued' AND ${gatewayTasks.notBefore} <= ${now}) OR (${gatewayTasks.status} = 'running' AND ${gatewayTasks.startedAt} < ${now - TASK_LEASE_MS})`,
    )
    .orderBy(desc(gatewayTasks.priority), gatewayTasks.createdAt)
    .limit(1);
  return db
    .update(gatewayTasks)
    .set({ status: "running", attempts: sql`${gatewayTasks.attempts} + 1`, startedAt: now, updatedAt: now })
    .where(sql`${gatewayTasks.id} = (${next})`)
    .returning()
    .get();
}

export async function finishTask(db: Db, id: string, result: Record<string, unknown>): Promise<void> {
  const now = Date.now();
  await db
    .update(gatewayTasks)
    .set({ status: "succeeded", result, error: null, errorCode: null, finishedAt: now, updatedAt: now })
    .where(eq(gatewayTasks.id, id));
}

export async function requeueTask(
  db: Db,
  id: string,
  notBefore: number,
  error: string,
  code: string,
): Promise<void> {
  await db
    .update(gatewayTasks)
    .set({ status: "queued", notBefore, error, errorCode: code, updatedAt: Date.now() })
    .where(eq(gatewayTasks.id, id));
}

export async function deadLetterTask(
  db: Db,
  id: string,
  error: string,
  code: string,
): Promise<GatewayTaskRow | undefined> {
  const now = Date.now();
  return db
    .update(gatewayTasks)
    .set({ status: "dead", error, errorCode: code, finishedAt: now, updatedAt: now })
    .where(and(eq(gatewayTasks.id, id), sql`${gatewayTasks.status} IN ('queued', 'running')`))
    .returning()
    .get();
}

/** Puts a dead task back in the queue with a fresh set of attempts. */
export async function redriveTask(db: Db, tenantId: string, id: string): Promise<GatewayTaskRow | undefined> {
  return db
    .update(gatewayTasks)
    .set({ status: "queued", attempts: 0, notBefore: 0, finishedAt: null, updatedAt: Date.now() })
    .where(and(eq(gatewayTasks.id, id), eq(gatewayTasks.tenantId, tenantId), eq(gatewayTasks.status, "dead")))
    .returning()
    .get();
}
