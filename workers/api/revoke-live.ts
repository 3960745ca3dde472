/**
 * Revoking a key also ends what it already has open: every unfinished run of the tenant is told
 * to close the key's WebSockets and SSE streams and to drop its unspent tickets, before
 * `DELETE /v1/keys/:id` answers. Finished runs send nothing new; their sockets re-check the key
 * before acting (durable-objects/workflow-run/connection-auth.ts).
 */
import { and, eq, notInArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { workflows } from "../db/schema";
import { FINAL_RUN_STATUSES } from "../engine/protocol";
import { runStub } from "../engine/run-stub";
import { log } from "../observability/log";

const PARALLEL_RUNS = 20;

export async function closeLiveConnectionsOfKey(
  env: Env,
  db: Db,
  tenantId: string,
  keyId: string,
): Promise<{ runs: number; closed: number; failed: number }> {
  const runs = await db
    .select({ id: workflows.id })
    .from(workflows)
    .where(and(eq(workflows.tenantId, tenantId), notInArray(workflows.status, [...FINAL_RUN_STATUSES])))
    .all();
  let closed = 0;
  let failed = 0;
  for (let i = 0; i < runs.length; i += PARALLEL_RUNS) {
    const results = await Promise.allSettled(
      runs.slice(i, i + PARALLEL_RUNS).map((run) => runStub(env, run.id).revokeKey(keyId)),
    );
    for (const result of results) {
      if (result.status === "fulfilled") closed += result.value.closed;
      else {
        failed++;
        // That run's sockets still re-check the key before every action.
        log.error("live revocation failed", { error: result.reason });
      }
    }
  }
  return { runs: runs.length, closed, failed };
}
