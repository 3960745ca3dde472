/**
 * /v1/prompts — the prompt templates (versions, A/B variants and weights), and per variant how
 * its outputs fared at review, learned from the tenant's review decisions (`prompt_reviews`).
 */
import { createRoute } from "@hono/zod-openapi";
import { and, eq, gte, sql, type SQL } from "drizzle-orm";
import { promptReviews } from "../../db/schema";
import { listPrompts } from "../../pipelines/prompt-catalog";
import { promptListSchema, promptStatsQuerySchema, promptStatsSchema } from "../../protocol/prompts";
import { apiRouter, bearer, errors, json } from "../openapi";

const tags = ["Prompts"];

export const promptRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "The prompt templates with their versions and A/B variants (weights)",
      security: bearer,
      responses: { 200: json(promptListSchema, "Every template"), ...errors(401) },
    }),
    (c) => c.json({ prompts: listPrompts() }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/stats",
      tags,
      summary: "Per prompt variant: uses, first-pass approval rate, mean revisions, cost",
      description:
        "Learned from your tenant's review decisions: every approved or skipped gate counts one use of " +
        "the prompt variant that made the reviewed output, with the revisions it took first.",
      security: bearer,
      request: { query: promptStatsQuerySchema },
      responses: { 200: json(promptStatsSchema, "Per variant, by template"), ...errors(400, 401) },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const where: SQL[] = [eq(promptReviews.tenantId, c.get("auth").tenantId)];
      if (query.template) where.push(eq(promptReviews.template, query.template));
      if (query.since !== undefined) where.push(gte(promptReviews.createdAt, query.since));
      const rows = await c
        .get("db")
        .select({
          template: promptReviews.template,
          version: promptReviews.version,
          variant: promptReviews.variant,
          uses: sql<number>`count(*)`,
          approved: sql<number>`sum(${promptReviews.resolution} = 'approve')`,
          firstPass: sql<number>`sum(${promptReviews.resolution} = 'approve' AND ${promptReviews.revisions} = 0)`,
          revisions: sql<number>`sum(${promptReviews.revisions})`,
          costUsd: sql<number>`sum(${promptReviews.costUsd})`,
          byPerson: sql<number>`sum(${promptReviews.reviewer} = 'person')`,
        })
        .from(promptReviews)
        .where(and(...where))
        .groupBy(promptReviews.template, promptReviews.version, promptReviews.variant)
        .orderBy(promptReviews.template, promptReviews.version, promptReviews.variant);
      const variants = rows.map((r) => ({
        template: r.template,
        version: r.version,
        variant: r.variant,
        uses: r.uses,
        approved: r.approved,
        firstPassApprovalRate: r.uses > 0 ? r.firstPass / r.uses : 0,
        meanRevisions: r.uses > 0 ? r.revisions / r.uses : 0,
        costUsd: r.costUsd,
        byReviewer: { person: r.byPerson, agent: r.uses - r.byPerson },
      }));
      return c.json(promptStatsSchema.parse({ variants }), 200);
    },
  );
