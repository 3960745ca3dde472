/**
 * GET /v1/providers — each provider: configured or not, its place in the default chain, limits,
 * and per model the circuit breaker (state, consecutive failures, opened at, success rate, p50
 * latency) as kept by its ProviderGuard Durable Object, shared by all isolates.
 * GET /v1/providers/usage — tokens and cost of this tenant's calls, per key, run and provider.
 */
import { createRoute } from "@hono/zod-openapi";
import { and, eq, gte, sql } from "drizzle-orm";
import { usageRecords } from "../../db/schema";
import { flushUsageNow } from "../../providers/usage";
import { providerListSchema, usageQuerySchema, usageReportSchema } from "../../protocol/providers";
import { readSettings } from "../../providers/config";
import { PROVIDER_LIMITS } from "../../providers/limits";
import { buildAdapters, DEFAULT_CHAIN } from "../../providers/registry";
import { PROVIDER_NAMES } from "../../providers/types";
import { apiRouter, bearer, errors, json } from "../openapi";

const groupColumn = {
  apiKey: usageRecords.apiKeyId,
  run: usageRecords.workflowId,
  provider: usageRecords.provider,
  node: usageRecords.nodeId,
} as const;

const tags = ["Providers"];

export const providerRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Providers, their limits and circuit breakers",
      security: bearer,
      responses: { 200: json(providerListSchema, "Providers"), ...errors(401) },
    }),
    async (c) => {
      const adapters = buildAdapters(c.env);
      const settings = readSettings(c.env);
      const providers = await Promise.all(
        PROVIDER_NAMES.map(async (name) => {
          const adapter = adapters[name];
          const guarded = adapter.configured && name !== "offline";
          const breakers = guarded
            ? await c.env.PROVIDER_GUARD.get(c.env.PROVIDER_GUARD.idFromName(name)).snapshot()
            : [];
          return {
            name,
            configured: adapter.configured,
            external: adapter.external,
            defaultModel: adapter.defaultModel,
            defaultChainPosition: DEFAULT_CHAIN.indexOf(name),
            limits: { ...PROVIDER_LIMITS[name], ...settings.GATEWAY_PROVIDER_LIMITS?.[name] },
            breakers: breakers.map((b) => ({
              model: b.model,
              state: b.state,
              consecutiveFailures: b.consecutive_failures,
              openedAt: b.opened_at,
              successRate: b.success_rate,
              calls: b.calls,
              p50LatencyMs: b.p50_latency_ms,
            })),
          };
        }),
      );
      return c.json({ defaultChain: [...DEFAULT_CHAIN], providers }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/usage",
      tags,
      summary: "Tokens and cost of the tenant's calls, grouped by key, run, provider or node",
      security: bearer,
      request: { query: usageQuerySchema },
      responses: { 200: json(usageReportSchema, "Usage"), ...errors(400, 401) },
    }),
    async (c) => {
      const { groupBy, since } = c.req.valid("query");
      const column = groupColumn[groupBy];
      // Rows this isolate has queued but not written yet (providers/usage.ts) count too.
      await flushUsageNow(c.get("db"));
      const rows = await c
        .get("db")
        .select({
          key: column,
          calls: sql<number>`count(*)`,
          cached: sql<number>`coalesce(sum(${usageRecords.cached}), 0)`,
          tokensIn: sql<number>`coalesce(sum(${usageRecords.tokensIn}), 0)`,
          tokensOut: sql<number>`coalesce(sum(${usageRecords.tokensOut}), 0)`,
          costUsd: sql<number>`coalesce(sum(${usageRecords.costUsd}), 0)`,
          redactions: sql<number>`coalesce(sum(${usageRecords.redactions}), 0)`,
        })
        .from(usageRecords)
        .where(and(eq(usageRecords.tenantId, c.get("auth").tenantId), gte(usageRecords.createdAt, since)))
        .groupBy(column)
        .all();
      return c.json({ groupBy, usage: rows }, 200);
    },
  );
