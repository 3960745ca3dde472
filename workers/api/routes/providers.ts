/**
 * GET /v1/providers — each provider: configured or not, its place in the default chain, limits,
 * and per model the circuit breaker (state, consecutive failures, opened at, success rate, p50
 * latency) as kept by its ProviderGuard Durable Object, shared by all isolates.
 * GET /v1/providers/usage — tokens and cost of this tenant's calls, per key, run and provider.
 */
import { and, eq, gte, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { usageRecords } from "../../db/schema";
import { readSettings } from "../../providers/config";
import { PROVIDER_LIMITS } from "../../providers/limits";
import { buildAdapters, DEFAULT_CHAIN } from "../../providers/registry";
import { PROVIDER_NAMES } from "../../providers/types";
import type { AppEnv } from "../app-env";
import { validate } from "../validate";

const usageQuery = z.object({
  group_by: z.enum(["api_key", "run", "provider", "node"]).default("provider"),
  since: z.coerce.number().int().nonnegative().default(0),
});

const groupColumn = {
  api_key: usageRecords.apiKeyId,
  run: usageRecords.workflowId,
  provider: usageRecords.provider,
  node: usageRecords.nodeId,
} as const;

export const providerRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
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
          default_model: adapter.defaultModel,
          default_chain_position: DEFAULT_CHAIN.indexOf(name),
          limits: { ...PROVIDER_LIMITS[name], ...settings.GATEWAY_PROVIDER_LIMITS?.[name] },
          breakers,
        };
      }),
    );
    return c.json({ default_chain: DEFAULT_CHAIN, providers });
  })
  .get("/usage", validate("query", usageQuery), async (c) => {
    const { group_by, since } = c.req.valid("query");
    const column = groupColumn[group_by];
    const rows = await c
      .get("db")
      .select({
        key: column,
        calls: sql<number>`count(*)`,
        cached: sql<number>`sum(${usageRecords.cached})`,
        tokens_in: sql<number>`sum(${usageRecords.tokensIn})`,
        tokens_out: sql<number>`sum(${usageRecords.tokensOut})`,
        cost_usd: sql<number>`sum(${usageRecords.costUsd})`,
        redactions: sql<number>`sum(${usageRecords.redactions})`,
      })
      .from(usageRecords)
      .where(and(eq(usageRecords.tenantId, c.get("auth").tenantId), gte(usageRecords.createdAt, since)))
      .groupBy(column)
      .all();
    return c.json({ group_by, usage: rows });
  });
