/**
 * GET /v1/workflows/:id/preview/:file — a page run's generated site, one file at a time, for
 * the person reviewing it. The files are active content written by a model, so they are never
 * served as content of the app's origin: `Content-Security-Policy: sandbox allow-scripts` (no
 * allow-same-origin) gives each document an opaque origin — its scripts run, but cannot read the
 * app's storage, cookies or API with the person's credentials — and no network beyond the site's
 * own files. The current version by default; `?version=n` serves an earlier one from R2.
 * Tenant-scoped like every run route.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { runStub } from "../../engine/run-stub";
import { pageKeys } from "../../pipelines/page/keys";
import { SITE_FILE_PATH, siteSchema } from "../../pipelines/page/schemas";
import { contentTypeOf } from "../../pipelines/page/steps/site";
import { workflowIdSchema } from "../../protocol/workflows";
import { ApiError } from "../errors";
import { apiRouter, bearer, errors, raw } from "../openapi";
import { ownedWorkflow, unwrap } from "../workflow-access";

/**
 * The sandboxed document has an opaque origin, so its own files are allowed by naming the
 * server's origin rather than `'self'`.
 */
export function previewHeaders(origin: string): Record<string, string> {
  return {
    "Content-Security-Policy": `sandbox allow-scripts; default-src ${origin}; img-src ${origin} data:; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "private, no-cache",
    // The document's opaque origin makes its own CSS and JS cross-origin loads; the API's default
    // (same-origin) would block them. The files still need the bearer key: no cookie reaches them.
    "Cross-Origin-Resource-Policy": "cross-origin",
    // The app may show the preview in a frame (the API's default is DENY).
    "X-Frame-Options": "SAMEORIGIN",
  };
}

export const pagePreviewRoutes = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/{id}/preview/{file}",
    tags: ["Page"],
    summary: "A page run's generated file (HTML, CSS, JS), served sandboxed (CSP sandbox allow-scripts)",
    security: bearer,
    request: {
      params: z.object({ id: workflowIdSchema, file: z.string().regex(SITE_FILE_PATH) }),
      query: z.object({ version: z.coerce.number().int().min(1).max(1000).optional() }),
    },
    responses: {
      200: raw("text/html", "The file, with its own content type"),
      ...errors(400, 401, 404, 409),
    },
  }),
  async (c) => {
    const { id, file } = c.req.valid("param");
    const { version } = c.req.valid("query");
    const run = await ownedWorkflow(c, id);
    if (run.pipeline !== "page")
      throw new ApiError(404, "not_found", "This run has no site to preview", { id });
    let content: string | undefined;
    if (version) {
      content = await (await c.env.BUCKET.get(pageKeys.file(id, version, file)))?.text();
    } else {
      const site = await runStub(c.env, id).readOutput("site");
      if (!site.ok && site.error.status === 409)
        throw new ApiError(409, "not_ready", "The site is not generated yet", { id });
      const parsed = siteSchema.safeParse(unwrap(site).output);
      content = parsed.success ? parsed.data.files.find((f) => f.path === file)?.content : undefined;
    }
    if (content === undefined)
      throw new ApiError(404, "not_found", `No file "${file}" in this site`, { file });
    return new Response(content, {
      headers: { "Content-Type": contentTypeOf(file), ...previewHeaders(new URL(c.req.url).origin) },
    });
  },
);
