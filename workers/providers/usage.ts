/** One usage_records row per provider call or cache hit: tokens, cost, latency, redactions. */
import type { Db } from "../db/client";
import { usageRecords } from "../db/schema";
import type { CallUsage, ProviderName } from "./types";

export type UsageEntry = {
  tenantId: string;
  apiKeyId?: string;
  runId?: string;
  nodeId?: string;
  provider: ProviderName;
  model: string;
  redactions: number;
} & CallUsage;

export async function recordUsage(db: Db, u: UsageEntry): Promise<void> {
  await db.insert(usageRecords).values({
    id: crypto.randomUUID(),
    tenantId: u.tenantId,
    apiKeyId: u.apiKeyId,
    workflowId: u.runId,
    nodeId: u.nodeId,
    provider: u.provider,
    model: u.model,
    tokensIn: u.tokensIn,
    tokensOut: u.tokensOut,
    costUsd: u.costUsd,
    cached: u.cached,
    redactions: u.redactions,
    latencyMs: Math.round(u.latencyMs),
  });
}
