/**
 * Streaming text. The router treats "produced its first chunk" as success, so a provider that
 * fails before its first token (error, 429, hang) falls over to the next one; after the first
 * token the stream is committed to that provider. Streams are not cached. The per-attempt
 * timeout becomes an idle timeout once streaming: it restarts on every chunk.
 */
import { reserveBudgets, type Settle } from "./budget";
import type { GatewayContext } from "./context";
import { classifyError } from "./classify";
import { estimateInputTokens, prepareCall, type TextRequest } from "./generate-text";
import { parseModelName } from "./model-name";
import { textCostUsd } from "./pricing";
import { route, type AttemptTimer, type Attempt } from "./router";
import type { CallUsage, ProviderName, StreamChunk } from "./types";

export type TextStream = {
  provider: ProviderName;
  model: string;
  redactions: number;
  /** Text deltas. Iterate once. */
  chunks: AsyncIterable<string>;
  /** Settles when the stream has ended, with its usage (rejects if it broke midway). */
  usage: Promise<CallUsage>;
};

type Started = {
  first: IteratorResult<StreamChunk>;
  iterator: AsyncIterator<StreamChunk>;
  timer: AttemptTimer;
  settle: Settle;
  redactions: number;
  tokensIn: number;
};

export async function streamText(
  ctx: GatewayContext,
  req: Omit<TextRequest, "schema" | "cache">,
): Promise<TextStream> {
  const choice = parseModelName(req.model);
  const chain = ctx.chain(choice.providers ?? req.providers);
  const attempts: Attempt<Started>[] = chain.map((adapter) => {
    const model = choice.model ?? req.models?.[adapter.name] ?? adapter.defaultModel;
    const prepared = prepareCall(ctx, adapter, req);
    const tokensIn = estimateInputTokens(prepared.call);
    return {
      adapter,
      model,
      tokens: tokensIn + req.maxTokens,
      run: async (timer) => {
        const estimate = textCostUsd(adapter.name, model, tokensIn, req.maxTokens);
        const settle = await reserveBudgets(
          ctx.env.BUDGET_LEDGER,
          ctx.budget,
          { runId: ctx.options.runId, apiKeyId: ctx.options.apiKeyId },
          estimate,
        );
        try {
          const chunks = adapter.streamText({
            ...prepared.call,
            model,
            signal: timer.signal,
            traceId: ctx.traceId,
          });
          const iterator = chunks[Symbol.asyncIterator]();
          const first = await iterator.next();
          timer.touch();
          return { first, iterator, timer, settle, redactions: prepared.redactions, tokensIn };
        } catch (err) {
          await settle(0);
          throw err;
        }
      },
    };
  });
  const router = ctx.router();
  const routed = await route(attempts, router);
  const { adapter, model } = routed;
  const s = routed.value;
  const started = performance.now();
  let resolveUsage!: (u: CallUsage) => void;
  let rejectUsage!: (e: unknown) => void;
  const usage = new Promise<CallUsage>((resolve, reject) => {
    resolveUsage = resolve;
    rejectUsage = reject;
  });
  // Nobody may be listening for a broken stream's usage; the chunk iterator reports the error.
  usage.catch(() => undefined);

  async function* chunks(): AsyncIterable<string> {
    let tokensIn = 0;
    let tokensOut = 0;
    let text = "";
    let result = s.first;
    try {
      while (!result.done) {
        const chunk = result.value;
        if (chunk.type === "text") {
          text += chunk.text;
          yield chunk.text;
        } else {
          tokensIn = chunk.tokensIn;
          tokensOut = chunk.tokensOut;
        }
        result = await s.iterator.next();
        s.timer.touch();
      }
    } catch (err) {
      s.timer.clear();
      await s.settle(0);
      const error = classifyError(err, { provider: adapter.name, model, signal: s.timer.signal });
      // The router counted the first token as a success; a break afterwards is still a failure.
      const elapsed = performance.now() - started;
      await ctx.background(
        "breaker update",
        router.guard.record(adapter.name, model, false, elapsed, error.classification),
      );
      rejectUsage(error);
      throw error;
    }
    s.timer.clear();
    if (!tokensIn) tokensIn = s.tokensIn;
    if (!tokensOut) tokensOut = Math.ceil(text.length / 4);
    const costUsd = textCostUsd(adapter.name, model, tokensIn, tokensOut);
    await ctx.background("budget settle", s.settle(costUsd));
    const u: CallUsage = {
      tokensIn,
      tokensOut,
      costUsd,
      cached: false,
      latencyMs: routed.latencyMs + (performance.now() - started),
    };
    await ctx.recordUsage({
      provider: adapter.name,
      model,
      ...u,
      redactions: s.redactions,
    });
    resolveUsage(u);
  }

  return { provider: adapter.name, model, redactions: s.redactions, chunks: chunks(), usage };
}
