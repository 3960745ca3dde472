/** What a step reports of one gateway call: cost, tokens and who answered. */
import type { TextResult } from "../providers/gateway";
import type { StepUsage } from "../engine/types";

export function stepUsageOf(out: Pick<TextResult, "usage" | "provider" | "model">): StepUsage {
  return {
    costUsd: out.usage.costUsd,
    tokensIn: out.usage.tokensIn,
    tokensOut: out.usage.tokensOut,
    provider: out.provider,
    model: out.model,
  };
}
