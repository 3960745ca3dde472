/**
 * Who pays for a step's provider calls: the run's budget (`options.budgetUsd`) and the API key
 * that started the run (its usage rows and its key budget, GATEWAY_KEY_BUDGET_USD). Every step
 * that calls the gateway passes these, so a run's spending is limited and attributed alike.
 */
import type { RunInfo } from "../engine/types";
import type { BudgetLimits } from "../providers/budget";

export type RunSpending = { apiKeyId?: string; budget?: BudgetLimits };

/** Gateway options for a step of `run` (the gateway adds the key limit from its settings). */
export function runSpending(run: RunInfo): RunSpending {
  return {
    ...(run.apiKeyId ? { apiKeyId: run.apiKeyId } : {}),
    ...(run.options.budgetUsd !== undefined ? { budget: { runUsd: run.options.budgetUsd } } : {}),
  };
}
