/**
 * /v1/workflows — create, list, inspect, control, review and delete workflow runs, and open
 * their live event streams (WebSocket and Server-Sent Events). A run belongs to the tenant of
 * the key that created it. The run's Durable Object is the source of truth; the D1 row is the
 * index used for listing and ownership.
 */
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { recordAudit } from "../../audit";
import { artifacts, workflows } from "../../db/schema";
import { NODE_STATUSES, RUN_STATUSES, reviewActionSchema } from "../../engine/protocol";
import { resolveRunOptions, runOptionsSchema } from "../../engine/run-options";
import { runStub } from "../../engine/run-stub";
import { findPipeline, pipelineNames } from "../../pipelines/registry";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { issuesOf, validate } from "../validate";
import { ownedWorkflow, unwrap } from "../workflow-access";

const createSchema = z.strictObject({
  pipeline: z.string().min(1).max(50),
  input: z.unknown(),
  options: runOptionsSchema.optional(),
  title: z.string().trim().min(1).max(200).optional(),
});

const listSchema = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  pipeline: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

const nodesSchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  status: z.enum(NODE_STATUSES).optional(),
});

const idParam = z.object({ id: z.string().regex(/^wf_[0-9a-f]{32}$/, "not a workflow id") });
const controlParam = idParam.extend({ action: z.enum(["pause", "resume", "cancel", "retry"]) });

function encodeCursor(row: { createdAt: number; id: string }): string {
  return btoa(`${row.createdAt}:${row.id}`);
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const [createdAt, id] = (() => {
    try {
      return atob(cursor).split(":");
    } catch {
      return [];
    }
  })();
  if (!createdAt || !id || !Number.isFinite(Number(createdAt))) {
    throw new ApiError(400, "validation_failed", "Invalid cursor", {
      issues: [{ path: "cursor", message: "not a cursor from this API", code: "custom" }],
    });
  }
  return { createdAt: Number(createdAt), id };
}

/**
 * Responses from a Durable Object's fetch have immutable headers; the middleware after the route
 * (request id, security headers) needs to add its own, so hand it a copy.
 */
function mutable(res: Response): Response {
  if (res.webSocket)
    return new Response(null, { status: 101, webSocket: res.webSocket, headers: res.headers });
  return new Response(res.body, res);
}

function links(id: string) {
  return {
    self: `/v1/workflows/${id}`,
    websocket: `/v1/workflows/${id}/ws`,
    events: `/v1/workflows/${id}/events`,
  };
}

export const workflowRoutes = new Hono<AppEnv>()
  .post("/", validate("json", createSchema), async (c) => {
    const body = c.req.valid("json");
    const pipeline = findPipeline(c.env, body.pipeline);
    if (!pipeline) {
      throw new ApiError(400, "unknown_pipeline", `Unknown pipeline "${body.pipeline}"`, {
        available: pipelineNames(c.env),
      });
    }
    const input = pipeline.inputSchema.safeParse(body.input);
    if (!input.success) {
      throw new ApiError(400, "validation_failed", "Invalid pipeline input", {
        issues: issuesOf(input.error).map((i) => ({ ...i, path: `input.${i.path}` })),
      });
    }
    const auth = c.get("auth");
    await pipeline.preflight?.({ env: c.env, tenantId: auth.tenantId }, input.data);
    const id = `wf_${crypto.randomUUID().replace(/-/g, "")}`;
    const options = resolveRunOptions(body.options, Number(c.env.DEFAULT_RUN_CONCURRENCY) || 30);
    const title = body.title ?? pipeline.title(input.data);
    const now = Date.now();
    const db = c.get("db");
    await db.insert(workflows).values({
      id,
      tenantId: auth.tenantId,
      pipeline: pipeline.name,
      status: "running",
      title,
      updatedAt: now,
    });
    let created;
    try {
      created = await runStub(c.env, id).create({
        id,
        tenantId: auth.tenantId,
        pipeline: pipeline.name,
        options,
        title,
        nodes: pipeline.build(input.data),
      });
    } catch (err) {
      await db
        .update(workflows)
        .set({ status: "failed", error: "could not start", updatedAt: Date.now() })
        .where(eq(workflows.id, id));
      throw err;
    }
    if (!created.ok) {
      await db.delete(workflows).where(eq(workflows.id, id));
      unwrap(created);
    }
    await recordAudit(db, {
      tenantId: auth.tenantId,
      apiKeyId: auth.apiKeyId,
      action: "workflow.create",
      target: id,
      requestId: c.get("requestId"),
      details: { pipeline: pipeline.name },
    });
    const run = unwrap(created);
    return c.json(
      {
        id,
        status: run.status,
        title,
        pipeline: pipeline.name,
        options,
        progress: run.progress,
        links: links(id),
      },
      202,
    );
  })
  .get("/", validate("query", listSchema), async (c) => {
    const query = c.req.valid("query");
    const conditions: SQL[] = [eq(workflows.tenantId, c.get("auth").tenantId)];
    if (query.status) conditions.push(eq(workflows.status, query.status));
    if (query.pipeline) conditions.push(eq(workflows.pipeline, query.pipeline));
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      conditions.push(
        or(
          lt(workflows.createdAt, cursor.createdAt),
          and(eq(workflows.createdAt, cursor.createdAt), lt(workflows.id, cursor.id)),
        )!,
      );
    }
    const rows = await c
      .get("db")
      .select()
      .from(workflows)
      .where(and(...conditions))
      .orderBy(desc(workflows.createdAt), desc(workflows.id))
      .limit(query.limit + 1)
      .all();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return c.json({
      workflows: page.map((row) => ({
        id: row.id,
        pipeline: row.pipeline,
        status: row.status,
        title: row.title,
        nodes: { total: row.nodesTotal, done: row.nodesDone, failed: row.nodesFailed },
        cost_usd: row.costUsd,
        created_at: row.createdAt,
        updated_at: row.updatedAt,
        finished_at: row.finishedAt,
      })),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    });
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    await ownedWorkflow(c, id);
    const described = unwrap(await runStub(c.env, id).describe());
    return c.json({
      ...described.run,
      title: described.title,
      nodes: described.counts,
      tokens: described.tokens,
      failures: described.failures,
      links: links(id),
    });
  })
  .get("/:id/nodes", validate("param", idParam), validate("query", nodesSchema), async (c) => {
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    await ownedWorkflow(c, id);
    const rows = await runStub(c.env, id).nodes(query.after, query.limit, query.status);
    const last = rows[rows.length - 1];
    return c.json({ nodes: rows, next_after: rows.length === query.limit && last ? last.seq : null });
  })
  .get("/:id/nodes/:node{.+}", async (c) => {
    const id = c.req.param("id");
    if (!idParam.safeParse({ id }).success)
      throw new ApiError(404, "not_found", "No workflow with this id", { id });
    await ownedWorkflow(c, id);
    const detail = unwrap(await runStub(c.env, id).node(c.req.param("node")));
    // Large outputs live in R2; clients fetch them through the artifact routes, not inline.
    return c.json(detail);
  })
  .post("/:id/reviews/:gate{.+}", validate("json", reviewActionSchema), async (c) => {
    const id = c.req.param("id");
    const gate = c.req.param("gate");
    if (!idParam.safeParse({ id }).success)
      throw new ApiError(404, "not_found", "No workflow with this id", { id });
    await ownedWorkflow(c, id);
    const action = c.req.valid("json");
    const result = unwrap(await runStub(c.env, id).review(gate, action));
    const auth = c.get("auth");
    await recordAudit(c.get("db"), {
      tenantId: auth.tenantId,
      apiKeyId: auth.apiKeyId,
      action: `workflow.review.${action.action}`,
      target: `${id}/${gate}`,
      requestId: c.get("requestId"),
    });
    return c.json(
      { gate, action: action.action, buffered: result.buffered, run: result.run },
      result.buffered ? 202 : 200,
    );
  })
  .post("/:id/:action", validate("param", controlParam), async (c) => {
    const { id, action } = c.req.valid("param");
    await ownedWorkflow(c, id);
    const run = unwrap(await runStub(c.env, id).control(action));
    const auth = c.get("auth");
    await recordAudit(c.get("db"), {
      tenantId: auth.tenantId,
      apiKeyId: auth.apiKeyId,
      action: `workflow.${action}`,
      target: id,
      requestId: c.get("requestId"),
    });
    return c.json(run);
  })
  .get("/:id/ws", validate("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError(426, "upgrade_required", "This endpoint speaks WebSocket (send Upgrade: websocket)");
    }
    await ownedWorkflow(c, id);
    return mutable(await runStub(c.env, id).fetch(c.req.raw));
  })
  .get("/:id/events", validate("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    await ownedWorkflow(c, id);
    return mutable(await runStub(c.env, id).fetch(c.req.raw));
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    await ownedWorkflow(c, id);
    // Object first, then R2, then the index row last, so a DELETE that fails half-way can
    // simply be repeated: the row that proves ownership is the last thing to go.
    await runStub(c.env, id).destroy();
    let cursor: string | undefined;
    let removed = 0;
    do {
      const listed = await c.env.BUCKET.list({ prefix: `runs/${id}/`, ...(cursor ? { cursor } : {}) });
      if (listed.objects.length > 0) await c.env.BUCKET.delete(listed.objects.map((o) => o.key));
      removed += listed.objects.length;
      cursor = listed.truncated ? listed.cursor : undefined;
    } while (cursor);
    const db = c.get("db");
    await db.delete(artifacts).where(eq(artifacts.workflowId, id));
    await db.delete(workflows).where(eq(workflows.id, id));
    const auth = c.get("auth");
    await recordAudit(db, {
      tenantId: auth.tenantId,
      apiKeyId: auth.apiKeyId,
      action: "workflow.delete",
      target: id,
      requestId: c.get("requestId"),
      details: { r2_objects: removed },
    });
    return c.json({ id, deleted: true, r2_objects: removed });
  });
