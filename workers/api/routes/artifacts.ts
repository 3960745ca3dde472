/**
 * A run's stored files: list them (from the D1 index, filter by kind), fetch one with its own
 * content type, or stream them all as export.zip with the pipeline's manifest.json. Nothing a
 * user supplied is served as active content: artifacts are never SVG/HTML (engine/artifacts.ts)
 * and every response carries a CSP that forbids scripts and a nosniff header.
 */
import { createRoute } from "@hono/zod-openapi";
import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { artifacts } from "../../db/schema";
import { runStub } from "../../engine/run-stub";
import { zipStream, type ZipEntry } from "../../export/zip-stream";
import { findPipeline } from "../../pipelines/registry";
import { artifactListSchema, listArtifactsQuerySchema } from "../../protocol/artifacts";
import { workflowIdSchema } from "../../protocol/workflows";
import { runKey, runRelativePath } from "../../storage/run-keys";
import { ApiError } from "../errors";
import { apiRouter, bearer, errors, json, raw } from "../openapi";
import { ownedWorkflow, unwrap } from "../workflow-access";

const SAFE_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "X-Content-Type-Options": "nosniff",
};

const idParam = z.object({ id: workflowIdSchema });
const tags = ["Artifacts"];

/** The file route's description; its handler is a plain route because paths contain slashes. */
const artifactFileRoute = createRoute({
  method: "get",
  path: "/{id}/artifacts/{path}",
  tags,
  summary: "One stored file, with its own content type (`path` may contain slashes)",
  security: bearer,
  request: { params: z.object({ id: workflowIdSchema, path: z.string() }) },
  responses: { 200: raw("application/octet-stream", "The file's bytes"), ...errors(401, 404) },
});

/** The key's path below the run's own folder: what clients use to address an artifact. */
const relative = (runId: string, key: string) => runRelativePath(runId, key) ?? key;

export const artifactRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/artifacts",
      tags,
      summary: "List a run's stored files (by path; filter by kind)",
      security: bearer,
      request: { params: idParam, query: listArtifactsQuerySchema },
      responses: { 200: json(artifactListSchema, "A page of artifacts"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const query = c.req.valid("query");
      await ownedWorkflow(c, id);
      const conditions = [eq(artifacts.workflowId, id)];
      if (query.kind) conditions.push(eq(artifacts.kind, query.kind));
      if (query.after) conditions.push(gt(artifacts.r2Key, runKey(id, query.after)));
      const rows = await c
        .get("db")
        .select()
        .from(artifacts)
        .where(and(...conditions))
        .orderBy(asc(artifacts.r2Key))
        .limit(query.limit)
        .all();
      return c.json(
        {
          artifacts: rows.map((row) => ({
            path: relative(id, row.r2Key),
            url: `/v1/workflows/${id}/artifacts/${relative(id, row.r2Key)}`,
            kind: row.kind,
            nodeId: row.nodeId,
            contentType: row.contentType,
            sizeBytes: row.sizeBytes,
            sha256: row.sha256,
            promptVersion: row.promptVersion,
            provider: row.provider,
            model: row.model,
            createdAt: row.createdAt,
          })),
          nextAfter: rows.length === query.limit ? relative(id, rows[rows.length - 1]!.r2Key) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/export.zip",
      tags,
      summary: "Every stored file of the run as one zip, with the pipeline's manifest.json",
      security: bearer,
      request: { params: idParam },
      responses: { 200: raw("application/zip", "The zip, streamed"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const run = await ownedWorkflow(c, id);
      const pipeline = findPipeline(c.env, run.pipeline);
      const described = unwrap(await runStub(c.env, id).describe());
      const db = c.get("db");
      const rows = await db
        .select()
        .from(artifacts)
        .where(eq(artifacts.workflowId, id))
        .orderBy(asc(artifacts.r2Key))
        .all();
      const pathOf = (key: string) => pipeline?.exportLayout?.path(id, key) ?? relative(id, key);
      const files = rows.map((row) => ({
        key: row.r2Key,
        path: pathOf(row.r2Key),
        kind: row.kind,
        contentType: row.contentType,
        sizeBytes: row.sizeBytes,
        nodeId: row.nodeId,
        promptVersion: row.promptVersion,
        provider: row.provider,
        model: row.model,
      }));
      const spent = {
        costUsd: described.run.progress.costUsd,
        tokensIn: described.tokens.in,
        tokensOut: described.tokens.out,
      };
      const manifest = pipeline?.exportLayout
        ? await pipeline.exportLayout.manifest({ env: c.env, runId: id, files, spent })
        : {
            runId: id,
            status: described.run.status,
            files: files.map(({ key: _key, ...f }) => f),
            usage: spent,
          };
      const bucket = c.env.BUCKET;
      async function* entries(): AsyncGenerator<ZipEntry> {
        yield { path: "manifest.json", body: JSON.stringify(manifest, null, 2) };
        for (const file of files) {
          const object = await bucket.get(file.key);
          // An index row whose object is gone (deleted mid-export) is skipped, not a broken zip.
          if (!object) continue;
          yield { path: file.path, body: object.body, compress: !file.contentType.startsWith("image/png") };
        }
      }
      return new Response(zipStream(entries()), {
        headers: {
          "Content-Type": "application/zip",
          "Content-Disposition": `attachment; filename="${id}.zip"`,
          ...SAFE_HEADERS,
        },
      });
    },
  );

// Paths contain slashes, which an OpenAPI path parameter cannot express: a plain route, described
// by hand.
artifactRoutes.get("/:id/artifacts/:path{.+}", async (c) => {
  const id = c.req.param("id");
  if (!idParam.safeParse({ id }).success)
    throw new ApiError(404, "not_found", "No workflow with this id", { id });
  await ownedWorkflow(c, id);
  const key = runKey(id, c.req.param("path"));
  const row = await c
    .get("db")
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.workflowId, id), eq(artifacts.r2Key, key)))
    .get();
  const object = row ? await c.env.BUCKET.get(key) : null;
  if (!row || !object)
    throw new ApiError(404, "not_found", "No such artifact in this run", { path: c.req.param("path") });
  return new Response(object.body, {
    headers: {
      "Content-Type": row.contentType,
      "Content-Length": String(object.size),
      ETag: object.httpEtag,
      ...SAFE_HEADERS,
    },
  });
});
artifactRoutes.openAPIRegistry.registerPath(artifactFileRoute);
