/**
 * GET /v1/workflows/:id/pages/:n?quality= — a manga run's page as PNG at one of five fixed
 * widths, rendered on demand from the stored vector composition and cached in R2 by content
 * hash + quality. Previews link here with `composition=<sha256>` so an old version's page stays
 * reachable; without it, page n of the current final pages. Tenant-scoped like every run route.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { runStub } from "../../engine/run-stub";
import { finalComposition, renderStoredPage } from "../../pipelines/manga/page-render";
import { pageQuerySchema } from "../../protocol/manga";
import { workflowIdSchema } from "../../protocol/workflows";
import { ApiError } from "../errors";
import { apiRouter, bearer, errors, raw } from "../openapi";
import { ownedWorkflow, unwrap } from "../workflow-access";

const SAFE_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "X-Content-Type-Options": "nosniff",
};

export const mangaPageRoutes = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/{id}/pages/{n}",
    tags: ["Manga"],
    summary:
      "A manga page as PNG at a quality: ultra 2480, high 1600, medium 1024, low 640, preview 320 px wide",
    security: bearer,
    request: {
      params: z.object({ id: workflowIdSchema, n: z.coerce.number().int().min(1).max(1000) }),
      query: pageQuerySchema,
    },
    responses: { 200: raw("image/png", "The page"), ...errors(400, 401, 404, 409) },
  }),
  async (c) => {
    const { id, n } = c.req.valid("param");
    const { quality, composition } = c.req.valid("query");
    const run = await ownedWorkflow(c, id);
    if (run.pipeline !== "manga") throw new ApiError(404, "not_found", "This run has no manga pages", { id });
    let sha = composition ?? null;
    if (!sha) {
      const final = await runStub(c.env, id).readOutput("final");
      if (!final.ok && final.error.status === 409)
        throw new ApiError(
          409,
          "not_ready",
          "The final pages are not made yet; previews link to their own pages",
          { id },
        );
      sha = finalComposition(unwrap(final).output, n);
      if (!sha) throw new ApiError(404, "not_found", `No page ${n} in this run`, { page: n });
    }
    const page = await renderStoredPage(c.env.BUCKET, id, sha, quality);
    if (!page)
      throw new ApiError(404, "not_found", "No such page composition in this run", { composition: sha });
    return new Response(page.bytes, {
      headers: {
        "Content-Type": "image/png",
        "Content-Length": String(page.size),
        // A composition never changes (named by its hash); "page n" does when the run moves on.
        "Cache-Control": composition ? "private, max-age=31536000, immutable" : "private, no-cache",
        "X-Render-Cache": page.cached ? "hit" : "miss",
        ...SAFE_HEADERS,
      },
    });
  },
);
