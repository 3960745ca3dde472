/**
 * The task API (seed 004): submit generation work, get an id at once, follow it.
 *   POST /v1/tasks {kind, input, priority 0–9, providers?, max_attempts?} → 202 {id, status}
 *   GET  /v1/tasks?status=queued|running|succeeded|dead   (dead = the dead-letter list)
 *   GET  /v1/tasks/events   live Server-Sent Events of this tenant's task status changes
 *   GET  /v1/tasks/:id      status, result or the reason it died
 *   GET  /v1/tasks/:id/content   an image task's PNG/JPEG
 *   POST /v1/tasks/:id/retry     re-drives a dead task
 */
import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { recordAudit } from "../../audit";
import { gatewayTasks, type GatewayTaskRow } from "../../db/schema";
import { keyRateLimit } from "../../providers/key-rate-limit";
import { publishTaskEvent } from "../../providers/tasks/events";
import { createTaskSchema, TASK_STATUSES, type TaskMessage } from "../../providers/tasks/schema";
import { insertTask, redriveTask } from "../../providers/tasks/store";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { validate } from "../validate";

const idParam = z.object({ id: z.string().uuid() });
const listQuery = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

function view(t: GatewayTaskRow) {
  return {
    id: t.id,
    kind: t.kind,
    status: t.status,
    priority: t.priority,
    providers: t.providers,
    attempts: t.attempts,
    max_attempts: t.maxAttempts,
    result: t.result,
    error: t.error ? { code: t.errorCode, message: t.error } : null,
    created_at: t.createdAt,
    started_at: t.startedAt,
    finished_at: t.finishedAt,
  };
}

export const taskRoutes = new Hono<AppEnv>()
  .post("/", keyRateLimit, validate("json", createTaskSchema), async (c) => {
    const auth = c.get("auth");
    const task = await insertTask(c.get("db"), auth, c.req.valid("json"));
    await c.env.TASKS.send({ taskId: task.id } satisfies TaskMessage);
    c.executionCtx.waitUntil(publishTaskEvent(c.env, task));
    return c.json({ id: task.id, status: task.status, priority: task.priority }, 202);
  })
  .get("/", validate("query", listQuery), async (c) => {
    const { status, limit } = c.req.valid("query");
    const tenant = eq(gatewayTasks.tenantId, c.get("auth").tenantId);
    const rows = await c
      .get("db")
      .select()
      .from(gatewayTasks)
      .where(status ? and(tenant, eq(gatewayTasks.status, status)) : tenant)
      .orderBy(desc(gatewayTasks.createdAt))
      .limit(limit)
      .all();
    return c.json({ tasks: rows.map(view) });
  })
  .get("/events", async (c) => {
    const stub = c.env.TASK_EVENTS.get(c.env.TASK_EVENTS.idFromName(c.get("auth").tenantId));
    const res = await stub.fetch(new Request("https://task-events/stream", { signal: c.req.raw.signal }));
    // A Durable Object's response has immutable headers; middleware (secure headers) adds some.
    return new Response(res.body, res);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const task = await c
      .get("db")
      .select()
      .from(gatewayTasks)
      .where(
        and(eq(gatewayTasks.id, c.req.valid("param").id), eq(gatewayTasks.tenantId, c.get("auth").tenantId)),
      )
      .get();
    if (!task) throw new ApiError(404, "not_found", "No task with this id", { id: c.req.valid("param").id });
    return c.json(view(task));
  })
  .get("/:id/content", validate("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    const task = await c
      .get("db")
      .select()
      .from(gatewayTasks)
      .where(and(eq(gatewayTasks.id, id), eq(gatewayTasks.tenantId, c.get("auth").tenantId)))
      .get();
    const key = typeof task?.result?.r2_key === "string" ? task.result.r2_key : undefined;
    const object = key ? await c.env.BUCKET.get(key) : null;
    if (!object) throw new ApiError(404, "not_found", "No image content for this task", { id });
    return new Response(object.body, {
      headers: { "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream" },
    });
  })
  .post("/:id/retry", validate("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    const auth = c.get("auth");
    const task = await redriveTask(c.get("db"), auth.tenantId, id);
    if (!task) throw new ApiError(404, "not_found", "No dead task with this id", { id });
    await c.env.TASKS.send({ taskId: task.id } satisfies TaskMessage);
    await recordAudit(c.get("db"), {
      tenantId: auth.tenantId,
      apiKeyId: auth.apiKeyId,
      action: "task.retry",
      target: id,
      requestId: c.get("requestId"),
    });
    return c.json({ id: task.id, status: task.status }, 202);
  });
