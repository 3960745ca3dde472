/**
 * GET /v1/metrics/summary and /v1/metrics/alerts — the calling tenant's own figures over a recent window, for the
 * app's dashboard. Only rows counted for this tenant are read (another tenant's activity is
 * invisible); breaker states are shared provider health, not tenant data.
 */
import { createRoute } from "@hono/zod-openapi";
import { summaryFor } from "../../metrics/tenant-summary";
import {
  metricsAlertsSchema,
  metricsSummaryQuerySchema,
  metricsSummarySchema,
  type MetricsSummary,
} from "../../protocol/metrics";
import { evaluateAlerts } from "../../metrics/alerts";
import type { AppEnv } from "../app-env";
import { apiRouter, bearer, errors, json } from "../openapi";
import type { Context } from "hono";

/** The summary for the caller's tenant (also what the alerts are evaluated on). */
export function tenantSummary(c: Context<AppEnv>, window: MetricsSummary["window"]): Promise<MetricsSummary> {
  return summaryFor(c.env, c.get("auth").tenantId, window);
}

export const metricsSummaryRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/summary",
      tags: ["Operations"],
      summary: "Your tenant's requests, steps, queue lag, runs, provider calls, cost and reviews",
      security: bearer,
      request: { query: metricsSummaryQuerySchema },
      responses: { 200: json(metricsSummarySchema, "The summary"), ...errors(400, 401) },
    }),
    async (c) => c.json(await tenantSummary(c, c.req.valid("query").window), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/alerts",
      tags: ["Operations"],
      summary: "The alert rules (error rate, p95 latency, queue, cost, breakers) evaluated on your summary",
      security: bearer,
      request: { query: metricsSummaryQuerySchema },
      responses: { 200: json(metricsAlertsSchema, "Each rule's state"), ...errors(400, 401) },
    }),
    async (c) => {
      const { window } = c.req.valid("query");
      const alerts = evaluateAlerts(await tenantSummary(c, window), c.env);
      return c.json({ window, alerts }, 200);
    },
  );
