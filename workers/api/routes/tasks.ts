/**
 * The task API (seed 004): submit generation work, get an id at once, follow it.
 *   POST /v1/tasks {kind, input, priority 0–9, providers?, maxAttempts?} → 202 {id, status}
 *   GET  /v1/tasks?status=queued|running|succeeded|dead   (dead = the dead-letter list)
 *   GET  /v1/tasks/events   live Server-Sent Events of this tenant's task status changes
 *   GET  /v1/tasks/:id      status, result or the reason it died
 *   GET  /v1/tasks/:id/content   an image task's PNG/JPEG
 *   POST /v1/tasks/:id/retry     re-drives a dead task
 */
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import { recordAudit } from "../../audit";
import { gatewayTasks, type GatewayTaskRow } from "../../db/schema";
import {
  createTaskSchema,
  listTasksQuerySchema,
  submittedTaskSchema,
  taskIdParamSchema,
  taskListSchema,
  taskViewSchema,
  type TaskView,
} from "../../protocol/tasks";
import { publishTaskEvent } from "../../providers/tasks/events";
import type { TaskMessage } from "../../providers/tasks/schema";
import { insertTask, redriveTask } from "../../providers/tasks/store";
import { ApiError } from "../errors";
import { keyRateLimit } from "../middleware/key-rate-limit";
import { apiRouter, bearer, errors, json, jsonBody, raw } from "../openapi";

/** A stored row as the API shows it; parsed, so a row that drifted from the protocol is a 500. */
function view(t: GatewayTaskRow): TaskView {
  return taskViewSchema.parse({
    id: t.id,
    kind: t.kind,
    status: t.status,
    priority: t.priority,
    providers: t.providers,
    attempts: t.attempts,
    maxAttempts: t.maxAttempts,
    result: t.result,
    error: t.error ? { code: t.errorCode, message: t.error } : null,
    createdAt: t.createdAt,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
  });
}

const tags = ["Tasks"];

export const taskRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Submit a text or image generation task",
      security: bearer,
      middleware: [keyRateLimit] as const,
      request: { body: jsonBody(createTaskSchema) },
      responses: { 202: json(submittedTaskSchema, "Queued"), ...errors(400, 401, 429) },
    }),
    async (c) => {
      const auth = c.get("auth");
      const task = await insertTask(c.get("db"), { ...auth, traceId: c.get("traceId") }, c.req.valid("json"));
      await c.env.TASKS.send({ taskId: task.id } satisfies TaskMessage);
      c.executionCtx.waitUntil(publishTaskEvent(c.env, task));
      return c.json({ id: task.id, status: view(task).status, priority: task.priority }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "List the tenant's tasks, newest first (status=dead is the dead-letter list)",
      security: bearer,
      request: { query: listTasksQuerySchema },
      responses: { 200: json(taskListSchema, "Tasks"), ...errors(400, 401) },
    }),
    async (c) => {
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
      return c.json({ tasks: rows.map(view) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events",
      tags,
      summary: "Server-Sent Events of this tenant's task status changes",
      security: bearer,
      responses: { 200: raw("text/event-stream", "An endless event stream"), ...errors(401) },
    }),
    async (c) => {
      const stub = c.env.TASK_EVENTS.get(c.env.TASK_EVENTS.idFromName(c.get("auth").tenantId));
      const res = await stub.fetch(new Request("https://task-events/stream", { signal: c.req.raw.signal }));
      // A Durable Object's response has immutable headers; middleware (secure headers) adds some.
      return new Response(res.body, res);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "A task: status, result or the reason it died",
      security: bearer,
      request: { params: taskIdParamSchema },
      responses: { 200: json(taskViewSchema, "The task"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const task = await c
        .get("db")
        .select()
        .from(gatewayTasks)
        .where(and(eq(gatewayTasks.id, id), eq(gatewayTasks.tenantId, c.get("auth").tenantId)))
        .get();
      if (!task) throw new ApiError(404, "not_found", "No task with this id", { id });
      return c.json(view(task), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/content",
      tags,
      summary: "An image task's image",
      security: bearer,
      request: { params: taskIdParamSchema },
      responses: { 200: raw("image/*", "The image bytes"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const task = await c
        .get("db")
        .select()
        .from(gatewayTasks)
        .where(and(eq(gatewayTasks.id, id), eq(gatewayTasks.tenantId, c.get("auth").tenantId)))
        .get();
      // Tasks stored before the camelCase protocol kept the key as r2_key.
      const key = task?.result?.r2Key ?? task?.result?.r2_key;
      const object = typeof key === "string" ? await c.env.BUCKET.get(key) : null;
      if (!object) throw new ApiError(404, "not_found", "No image content for this task", { id });
      return new Response(object.body, {
        headers: { "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream" },
      });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/retry",
      tags,
      summary: "Re-drive a dead task",
      security: bearer,
      request: { params: taskIdParamSchema },
      responses: { 202: json(submittedTaskSchema, "Queued again"), ...errors(400, 401, 404) },
    }),
    async (c) => {
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
      return c.json({ id: task.id, status: view(task).status }, 202);
    },
  );
