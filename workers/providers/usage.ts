/**
 * One usage_records row per provider call or cache hit: tokens, cost, latency, redactions.
 *
 * Calls that answer a request (a `waitUntil` is at hand) queue their row here and one flush a
 * short delay later writes every row queued meanwhile in a few multi-row inserts (USAGE_FLUSH_MS;
 * the invocation that queued the first row runs it in its waitUntil, like the metrics flush).
 * Steps without a waitUntil write their row at once. Readers of usage in this isolate call
 * flushUsageNow first; other isolates' rows appear within USAGE_FLUSH_MS. If the isolate dies
 * before its flush, its queued rows are lost — the price of keeping the write off the hot path.
 */
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
  await db.insert(usageRecords).values(toRow(u));
}

export const USAGE_FLUSH_MS = 250;
/** D1 binds at most 100 parameters per statement; a row has 13. */
const ROWS_PER_INSERT = 7;

let pending: UsageEntry[] = [];
let scheduled = false;

/** Queues a row; the first queued row of a batch schedules its flush in `waitUntil`. */
export function recordUsageSoon(db: Db, u: UsageEntry, waitUntil: (p: Promise<unknown>) => void): void {
  pending.push(u);
  if (scheduled) return;
  scheduled = true;
  waitUntil(
    new Promise((resolve) => setTimeout(resolve, USAGE_FLUSH_MS)).then(() => {
      scheduled = false;
      return flushUsageNow(db);
    }),
  );
}

/** Writes every queued row now (readers call this so this isolate's calls are counted). */
export async function flushUsageNow(db: Db): Promise<void> {
  const rows = pending;
  pending = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    try {
      await db.insert(usageRecords).values(chunk.map(toRow));
    } catch (err) {
      // Kept for the next flush instead of lost; the caller logs the failure.
      pending.unshift(...rows.slice(i));
      throw err;
    }
  }
}

function toRow(u: UsageEntry) {
  return {
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
  };
}
