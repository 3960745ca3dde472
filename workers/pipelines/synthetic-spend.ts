/**
 * A priced synthetic "AI call" (fanout's `costPerCallUsd`): the same reserve-then-settle as a
 * real provider call through the gateway — the run's and its key's budgets are held before the
 * call and charged after — and one usage row (provider `synthetic`) attributed to the run, its
 * tenant and its key. Lets tests and benchmarks exercise budgets with a known cost per call.
 */
import { openDb } from "../db/client";
import { usageRecords } from "../db/schema";
import { BudgetExhaustedStepError } from "../engine/types";
import { reserveBudgets, type Settle } from "../providers/budget";
import { readSettings } from "../providers/config";
import { BudgetExceededError } from "../providers/errors";
import type { TypedStepContext } from "./define-step";
import { runSpending } from "./run-spending";

export async function withSyntheticSpend<T>(
  ctx: TypedStepContext<unknown>,
  costUsd: number,
  call: () => Promise<T>,
): Promise<T> {
  const spending = runSpending(ctx.run);
  const keyUsd = readSettings(ctx.env).GATEWAY_KEY_BUDGET_USD;
  let settle: Settle;
  try {
    settle = await reserveBudgets(
      ctx.env.BUDGET_LEDGER,
      { ...(keyUsd !== undefined ? { keyUsd } : {}), ...spending.budget },
      { runId: ctx.run.id, apiKeyId: spending.apiKeyId },
      costUsd,
    );
  } catch (err) {
    if (err instanceof BudgetExceededError) throw new BudgetExhaustedStepError(err.message, { cause: err });
    throw err;
  }
  let charged = 0;
  const started = Date.now();
  try {
    const out = await call();
    charged = costUsd;
    await openDb(ctx.env.DB)
      .insert(usageRecords)
      .values({
        id: crypto.randomUUID(),
        tenantId: ctx.run.tenantId,
        apiKeyId: spending.apiKeyId,
        workflowId: ctx.run.id,
        nodeId: ctx.node.id,
        provider: "synthetic",
        model: "synthetic",
        costUsd,
        latencyMs: Date.now() - started,
      });
    return out;
  } finally {
    await settle(charged);
  }
}
