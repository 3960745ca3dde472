/**
 * Image generation through the router. The chain is the text chain restricted to providers that
 * make images (Gemini/Imagen, OpenAI, Workers AI); with none configured, offline's labelled
 * placeholder. Prompts to external providers are redacted like text.
 */
import { reserveBudgets } from "./budget";
import type { GatewayContext } from "./context";
import { parseModelName } from "./model-name";
import { imageCostUsd } from "./pricing";
import { redact } from "./redaction";
import { route, type Attempt, type AttemptLog } from "./router";
import type { ImageHint, ImageResult, ProviderName } from "./types";

export type ImageRequest = {
  prompt: string;
  width?: number;
  height?: number;
  model?: string;
  providers?: ProviderName[];
  /** Structured picture for the offline provider (see ImageHint); external providers never get it. */
  hint?: ImageHint;
};

export type ImageOutput = ImageResult & {
  provider: ProviderName;
  usage: { costUsd: number; latencyMs: number };
  redactions: number;
  attempts: AttemptLog[];
};

export async function generateImage(ctx: GatewayContext, req: ImageRequest): Promise<ImageOutput> {
  const choice = parseModelName(req.model);
  let chain = ctx
    .chain(choice.providers ?? req.providers)
    .filter((a) => a.generateImage && a.defaultImageModel);
  if (chain.length === 0 && !choice.providers && !req.providers && !ctx.options.providers)
    chain = [ctx.adapters.offline];
  const width = req.width ?? 1024;
  const height = req.height ?? 1024;
  const attempts: Attempt<{ image: ImageResult; costUsd: number; redactions: number }>[] = chain.map(
    (adapter) => {
      const model = choice.model ?? adapter.defaultImageModel ?? adapter.defaultModel;
      const r =
        adapter.external && ctx.options.redact !== false
          ? redact(req.prompt)
          : { text: req.prompt, count: 0 };
      return {
        adapter,
        model,
        tokens: 0,
        run: async (timer) => {
          const cost = imageCostUsd(adapter.name, model);
          const settle = await reserveBudgets(
            ctx.env.BUDGET_LEDGER,
            ctx.budget,
            { runId: ctx.options.runId, apiKeyId: ctx.options.apiKeyId },
            cost,
          );
          let spent = 0;
          try {
            // generateImage exists: the chain was filtered on it.
            const image = await adapter.generateImage!({
              model,
              prompt: r.text,
              width,
              height,
              ...(req.hint && !adapter.external ? { hint: req.hint } : {}),
              signal: timer.signal,
              traceId: ctx.traceId,
            });
            timer.clear();
            spent = cost;
            return { image, costUsd: cost, redactions: r.count };
          } finally {
            await ctx.background("budget settle", settle(spent));
          }
        },
      };
    },
  );
  const routed = await route(attempts, ctx.router());
  const v = routed.value;
  await ctx.recordUsage({
    provider: routed.adapter.name,
    model: routed.model,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: v.costUsd,
    cached: false,
    redactions: v.redactions,
    latencyMs: routed.latencyMs,
  });
  return {
    ...v.image,
    provider: routed.adapter.name,
    usage: { costUsd: v.costUsd, latencyMs: routed.latencyMs },
    redactions: v.redactions,
    attempts: routed.attempts,
  };
}
