/**
 * /v1/workflows — create, list, inspect, control, review and delete workflow runs, and open
 * their live event streams (WebSocket and Server-Sent Events). A run belongs to the tenant of
 * the key that created it. The run's Durable Object is the source of truth; the D1 row is the
 * index used for listing and ownership.
 */
import { stepOutputJsonSchema } from "../../pipelines/output-json-schema";
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../audit";
import { artifacts, workflows } from "../../db/schema";
import { resolveRunOptions } from "../../engine/run-options";
import { runStub } from "../../engine/run-stub";
import { findPipeline, pipelineNames } from "../../pipelines/registry";
import { runPrefix } from "../../storage/run-keys";
import { reviewActionSchema, runSummarySchema } from "../../protocol/live";
import {
  CONTROL_ACTIONS,
  compareVersionsQuerySchema,
  versionComparisonSchema,
  createdWorkflowSchema,
  createWorkflowSchema,
  deletedWorkflowSchema,
  listNodesQuerySchema,
  listWorkflowsQuerySchema,
  nodeDetailSchema,
  nodePageSchema,
  resumeBodySchema,
  reviewResultSchema,
  workflowDetailSchema,
  workflowIdSchema,
  workflowListSchema,
} from "../../protocol/workflows";
import { checkPromptVariants } from "../check-prompt-variants";
import { ApiError } from "../errors";
import { apiRouter, bearer, errors, json, jsonBody } from "../openapi";
import { issuesOf, validate } from "../validate";
import { nodeDetailView, nodeRowView } from "../views/nodes";
import { ownedWorkflow, unwrap } from "../workflow-access";

const idParam = z.object({ id: workflowIdSchema });
const controlParam = idParam.extend({ action: z.enum(CONTROL_ACTIONS) });
const tags = ["Workflows"];

/**
 * The optional body of a control action: only `resume` takes one (`{ budgetUsd }`). Checked here
 * as well as by the route's validator, which skips a body sent without a JSON content type.
 */
async function controlChange(text: string, action: string): Promise<{ budgetUsd?: number }> {
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, "malformed_json", "The request body is not JSON");
  }
  const parsed = resumeBodySchema.safeParse(body);
  if (!parsed.success)
    throw new ApiError(400, "validation_failed", "Invalid request json", { issues: issuesOf(parsed.error) });
  if (action !== "resume" && parsed.data.budgetUsd !== undefined) {
    throw new ApiError(400, "validation_failed", "Only resume takes a new budget", {
      issues: [{ path: "budgetUsd", message: `not accepted by ${action}`, code: "custom" }],
    });
  }
  return parsed.data;
}

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

function links(id: string) {
  return {
    self: `/v1/workflows/${id}`,
    websocket: `/v1/workflows/${id}/ws`,
    events: `/v1/workflows/${id}/events`,
  };
}

export const workflowRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Start a run of a pipeline",
      security: bearer,
      request: { body: jsonBody(createWorkflowSchema) },
      responses: {
        202: json(createdWorkflowSchema, "The run started; follow it with the links"),
        ...errors(400, 401, 409),
      },
    }),
    async (c) => {
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
      checkPromptVariants(body.options?.promptVariants);
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
        ...(auth.apiKeyId ? { apiKeyId: auth.apiKeyId } : {}),
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
          ...(auth.apiKeyId ? { apiKeyId: auth.apiKeyId } : {}),
          traceId: c.get("traceId"),
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
      const run = runSummarySchema.parse(unwrap(created));
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
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "List the tenant's runs, newest first",
      security: bearer,
      request: { query: listWorkflowsQuerySchema },
      responses: { 200: json(workflowListSchema, "A page of runs"), ...errors(400, 401) },
    }),
    async (c) => {
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
      return c.json(
        {
          workflows: page.map((row) => ({
            id: row.id,
            pipeline: row.pipeline,
            status: row.status,
            title: row.title,
            nodes: { total: row.nodesTotal, done: row.nodesDone, failed: row.nodesFailed },
            costUsd: row.costUsd,
            createdAt: row.createdAt,
            updatedAt: row.updatedAt,
            finishedAt: row.finishedAt,
          })),
          nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "A run as its Durable Object sees it now: status, progress, node counts, tokens",
      security: bearer,
      request: { params: idParam },
      responses: { 200: json(workflowDetailSchema, "The run"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await ownedWorkflow(c, id);
      const described = unwrap(await runStub(c.env, id).describe());
      const detail = workflowDetailSchema.parse({
        ...described.run,
        title: described.title,
        nodes: described.counts,
        tokens: described.tokens,
        failures: described.failures,
        budgetUsd: described.budgetUsd,
        links: links(id),
      });
      return c.json(detail, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/nodes",
      tags,
      summary: "A page of the run's nodes in creation order",
      security: bearer,
      request: { params: idParam, query: listNodesQuerySchema },
      responses: { 200: json(nodePageSchema, "A page of nodes"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const query = c.req.valid("query");
      await ownedWorkflow(c, id);
      const rows = (await runStub(c.env, id).nodes(query.after, query.limit, query.status)).map(nodeRowView);
      const last = rows[rows.length - 1];
      return c.json({ nodes: rows, nextAfter: rows.length === query.limit && last ? last.seq : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/{action}",
      tags,
      summary: "Pause, resume, cancel, or retry the failed steps of a run",
      description:
        "`resume` takes an optional body `{ budgetUsd }`: the run's new spending limit, e.g. to go on after `budget_exhausted`.",
      security: bearer,
      request: {
        params: controlParam,
        body: { required: false, content: { "application/json": { schema: resumeBodySchema } } },
      },
      responses: { 200: json(runSummarySchema, "The run after the action"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const { id, action } = c.req.valid("param");
      // Hono keeps the body its validator read (when the client sent a JSON content type).
      const change = await controlChange(await c.req.text(), action);
      await ownedWorkflow(c, id);
      const auth = c.get("auth");
      const actor = { id: auth.apiKeyId, name: auth.actorName };
      const run = runSummarySchema.parse(unwrap(await runStub(c.env, id).control(action, change, actor)));
      await recordAudit(c.get("db"), {
        tenantId: auth.tenantId,
        apiKeyId: auth.apiKeyId,
        action: `workflow.${action}`,
        target: id,
        requestId: c.get("requestId"),
        ...(change.budgetUsd !== undefined ? { details: { budgetUsd: change.budgetUsd } } : {}),
      });
      return c.json(run, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      summary: "Delete a run: its object, its files in R2 and its index row",
      security: bearer,
      request: { params: idParam },
      responses: { 200: json(deletedWorkflowSchema, "Deleted"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await ownedWorkflow(c, id);
      // Object first, then R2, then the index row last, so a DELETE that fails half-way can
      // simply be repeated: the row that proves ownership is the last thing to go.
      await runStub(c.env, id).destroy();
      let cursor: string | undefined;
      let removed = 0;
      do {
        const listed = await c.env.BUCKET.list({ prefix: runPrefix(id), ...(cursor ? { cursor } : {}) });
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
        details: { r2Objects: removed },
      });
      return c.json({ id, deleted: true as const, r2Objects: removed }, 200);
    },
  );

// Node ids and gate ids contain slashes, which an OpenAPI path parameter cannot express: plain
// routes with a regex parameter, described by hand below.
workflowRoutes
  .get("/:id/nodes/:node{.+}", async (c) => {
    const id = c.req.param("id");
    if (!idParam.safeParse({ id }).success)
      throw new ApiError(404, "not_found", "No workflow with this id", { id });
    const run = await ownedWorkflow(c, id);
    const detail = nodeDetailView(unwrap(await runStub(c.env, id).node(c.req.param("node"))));
    // Large outputs live in R2; clients fetch them through the artifact routes, not inline.
    // A step's output schema comes along so a client can build its editor from it.
    const outputSchema =
      detail.kind === "step" ? stepOutputJsonSchema(c.env, run.pipeline, detail.handler) : null;
    return c.json({ ...detail, outputSchema });
  })
  .get("/:id/versions/:node{.+}", validate("query", compareVersionsQuerySchema), async (c) => {
    const id = c.req.param("id");
    if (!idParam.safeParse({ id }).success)
      throw new ApiError(404, "not_found", "No workflow with this id", { id });
    await ownedWorkflow(c, id);
    const node = c.req.param("node");
    const { a, b } = c.req.valid("query");
    const sides = unwrap(await runStub(c.env, id).compareVersions(node, [a, b]));
    const side = (v: number) => {
      const found = sides.find((s) => s.version === v)!;
      return { ...found, view: found.view ?? null };
    };
    return c.json(versionComparisonSchema.parse({ node, before: side(a), after: side(b) }));
  })
  .post("/:id/reviews/:gate{.+}", validate("json", reviewActionSchema), async (c) => {
    const id = c.req.param("id");
    const gate = c.req.param("gate");
    if (!idParam.safeParse({ id }).success)
      throw new ApiError(404, "not_found", "No workflow with this id", { id });
    await ownedWorkflow(c, id);
    const action = c.req.valid("json");
    const auth = c.get("auth");
    const result = unwrap(
      await runStub(c.env, id).review(gate, action, { id: auth.apiKeyId, name: auth.actorName }),
    );
    await recordAudit(c.get("db"), {
      tenantId: auth.tenantId,
      apiKeyId: auth.apiKeyId,
      action: `workflow.review.${action.action}`,
      target: `${id}/${gate}`,
      requestId: c.get("requestId"),
    });
    const body = reviewResultSchema.parse({
      gate,
      action: action.action,
      buffered: result.buffered,
      run: result.run,
    });
    return c.json(body, result.buffered ? 202 : 200);
  });

workflowRoutes.openAPIRegistry.registerPath(
  createRoute({
    method: "get",
    path: "/{id}/nodes/{node}",
    tags,
    summary: "One node in full: its output (or R2 reference), versions and dependencies",
    description: "`node` is the node id and may contain slashes, e.g. `ch03/s02/p05/article`.",
    security: bearer,
    request: { params: z.object({ id: workflowIdSchema, node: z.string() }) },
    responses: { 200: json(nodeDetailSchema, "The node"), ...errors(401, 404) },
  }),
);
workflowRoutes.openAPIRegistry.registerPath(
  createRoute({
    method: "get",
    path: "/{id}/versions/{node}",
    tags,
    summary: "Two kept versions of a node side by side (before / after), with their previews",
    description: "`node` may contain slashes. No provider is called.",
    security: bearer,
    request: {
      params: z.object({ id: workflowIdSchema, node: z.string() }),
      query: compareVersionsQuerySchema,
    },
    responses: { 200: json(versionComparisonSchema, "Both versions"), ...errors(400, 401, 404) },
  }),
);
workflowRoutes.openAPIRegistry.registerPath(
  createRoute({
    method: "post",
    path: "/{id}/reviews/{gate}",
    tags,
    summary: "Answer a review gate: approve, revise, edit, skip, back or select",
    description:
      "`gate` is the gate's node id and may contain slashes. An answer for a gate the run has not " +
      "reached yet is kept and applied when it opens (202, `buffered: true`).",
    security: bearer,
    request: {
      params: z.object({ id: workflowIdSchema, gate: z.string() }),
      body: jsonBody(reviewActionSchema),
    },
    responses: {
      200: json(reviewResultSchema, "Applied"),
      202: json(reviewResultSchema, "Kept until the gate opens"),
      ...errors(400, 401, 404, 409),
    },
  }),
);
