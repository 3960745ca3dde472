/**
 * Cost of a call from the price table in pricing.json (a config file: edit it, no code change).
 * An unknown model falls back to its provider's `provider/*` entry; an unknown provider costs 0
 * and is logged, so a missing price is visible rather than silently wrong.
 */
import { z } from "zod";
import table from "./pricing.json";
import type { ProviderName } from "./types";
import { log } from "../observability/log";

const priceSchema = z.object({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
  perImage: z.number().nonnegative().optional(),
});
export type Price = z.infer<typeof priceSchema>;

const prices = z.object({ models: z.record(z.string(), priceSchema) }).parse(table).models;

export function priceOf(provider: ProviderName, model: string): Price {
  const price = prices[`${provider}/${model}`] ?? prices[`${provider}/*`];
  if (!price) {
    log.warn("no price for model", { provider, model });
    return { inputPerMTok: 0, outputPerMTok: 0, perImage: 0 };
  }
  return price;
}

export function textCostUsd(
  provider: ProviderName,
  model: string,
  tokensIn: number,
  tokensOut: number,
): number {
  const p = priceOf(provider, model);
  return (tokensIn * p.inputPerMTok + tokensOut * p.outputPerMTok) / 1_000_000;
}

export function imageCostUsd(provider: ProviderName, model: string): number {
  return priceOf(provider, model).perImage ?? 0;
}
