/**
 * Budgets per run and per API key, kept by BudgetLedger Durable Objects. `reserveBudgets` holds
 * the estimated cost in every scope that has a limit (all or nothing) and returns a settle
 * function that replaces each hold with the real cost.
 */
import { BudgetExceededError } from "./errors";
import { metrics } from "../observability/metrics";

export type BudgetLimits = { runUsd?: number; keyUsd?: number };
export type BudgetScopes = { runId?: string; apiKeyId?: string };

export type Settle = (actualUsd: number) => Promise<void>;

export async function reserveBudgets(
  ns: Env["BUDGET_LEDGER"],
  limits: BudgetLimits,
  scopes: BudgetScopes,
  estimateUsd: number,
): Promise<Settle> {
  const wanted: { scope: "run" | "key"; name: string; limit: number }[] = [];
  if (limits.runUsd !== undefined && scopes.runId)
    wanted.push({ scope: "run", name: `run:${scopes.runId}`, limit: limits.runUsd });
  if (limits.keyUsd !== undefined && scopes.apiKeyId)
    wanted.push({ scope: "key", name: `key:${scopes.apiKeyId}`, limit: limits.keyUsd });
  const held: { stub: ReturnType<Env["BUDGET_LEDGER"]["get"]>; id: string }[] = [];
  const release = () => Promise.all(held.map((h) => h.stub.settle(h.id, 0)));
  for (const w of wanted) {
    const stub = ns.get(ns.idFromName(w.name));
    const r = await stub.reserve(w.limit, estimateUsd);
    if (!r.ok) {
      metrics.count("tsumugi_budget_rejections_total", { scope: w.scope });
      await release();
      throw new BudgetExceededError(
        `The ${w.scope} budget of $${w.limit} has $${r.remainingUsd.toFixed(6)} left, less than this call's estimate of $${estimateUsd.toFixed(6)}`,
        w.scope,
        w.limit,
        r.remainingUsd,
      );
    }
    held.push({ stub, id: r.reservationId });
  }
  // Each scope is charged the full real cost of the call (a run and its key both pay it).
  return async (actualUsd) => {
    await Promise.all(held.map((h) => h.stub.settle(h.id, actualUsd)));
  };
}
