/**
 * Finding a run the caller may touch. The D1 index says who owns a run; anything owned by
 * another tenant answers exactly like something that does not exist.
 */
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { workflows, type WorkflowRow } from "../db/schema";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";
import type { RpcError } from "../engine/run-rpc";

export async function ownedWorkflow(c: Context<AppEnv>, id: string): Promise<WorkflowRow> {
  const row = await c
    .get("db")
    .select()
    .from(workflows)
    .where(and(eq(workflows.id, id), eq(workflows.tenantId, c.get("auth").tenantId)))
    .get();
  if (!row) throw new ApiError(404, "not_found", "No workflow with this id", { id });
  return row;
}

/** Turns a run's RPC result into its value, or the matching API error. */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: RpcError }): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error.status, result.error.code, result.error.message, result.error.details);
}
