/**
 * Text generation through the router: redaction for external providers, cache, budget
 * reservation, the provider call, JSON validation with one repair attempt, cost and usage.
 */
import type { z } from "zod";
import { reserveBudgets } from "./budget";
import { cacheKey, DEFAULT_CACHE_TTL_MS, readCache, writeCache } from "./cache";
import type { GatewayContext } from "./context";
import { InvalidOutputError } from "./errors";
import { parseJsonOutput, toJsonSchema } from "./json-output";
import { parseModelName } from "./model-name";
import { textCostUsd } from "./pricing";
import { redact } from "./redaction";
import { metrics } from "../observability/metrics";
import { route, type Attempt, type AttemptLog } from "./router";
import type {
  CallUsage,
  ChatMessage,
  ProviderAdapter,
  ProviderName,
  TextCall,
  TextCompletion,
} from "./types";

export type TextRequest<T = unknown> = {
  system?: string;
  messages: ChatMessage[];
  /** Validate the answer as JSON against this schema (one repair attempt, then InvalidOutputError). */
  schema?: z.ZodType<T>;
  /** JSON mode without a schema: any JSON object. */
  json?: boolean;
  maxTokens: number;
  temperature?: number;
  /** false bypasses the cache; a number sets the TTL in ms. On by default (24 h). */
  cache?: boolean | { ttlMs: number };
  /** "auto", "provider" or "provider/model". */
  model?: string;
  /** Provider chain for this request, overriding the run's. */
  providers?: ProviderName[];
  /** Model per provider for this request (a provider not listed uses its default model). */
  models?: Partial<Record<ProviderName, string>>;
  /** The offline provider's answer for this request (see TextCall.offlineAnswer). */
  offlineAnswer?: unknown;
};

export type TextResult<T = unknown> = {
  text: string;
  /** The parsed, validated object when `schema` or `json` was given. */
  json?: T;
  provider: ProviderName;
  model: string;
  usage: CallUsage;
  /** PII items replaced before the text left for the provider. */
  redactions: number;
  /** Failed attempts before the answer (retries and fallbacks). */
  attempts: AttemptLog[];
};

type Prepared = { call: Omit<TextCall, "signal" | "model">; redactions: number };

/** Redacts system and messages for external providers unless switched off. */
export function prepareCall(
  ctx: GatewayContext,
  adapter: ProviderAdapter,
  req: TextRequest<unknown>,
  jsonSchema?: Record<string, unknown>,
): Prepared {
  const base = {
    system: req.system,
    messages: req.messages,
    maxTokens: req.maxTokens,
    temperature: req.temperature,
    json: Boolean(req.schema || req.json),
    jsonSchema,
    ...(req.offlineAnswer !== undefined && !adapter.external ? { offlineAnswer: req.offlineAnswer } : {}),
  };
  if (!adapter.external || ctx.options.redact === false) return { call: base, redactions: 0 };
  let redactions = 0;
  const clean = (text: string) => {
    const r = redact(text);
    redactions += r.count;
    return r.text;
  };
  return {
    call: {
      ...base,
      system: base.system === undefined ? undefined : clean(base.system),
      messages: base.messages.map((m) => ({ ...m, content: clean(m.content) })),
    },
    redactions,
  };
}

/**
 * Input tokens, over- rather than under-estimated: a budget reservation must not be below the
 * real cost. ASCII text runs about 4 characters a token (counted as 3); Japanese and other
 * non-ASCII text can take more than one token a character (counted as 2).
 */
export function estimateInputTokens(call: Prepared["call"]): number {
  const text =
    (call.system ?? "") +
    call.messages.map((m) => m.content).join("") +
    JSON.stringify(call.jsonSchema ?? "");
  let ascii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 128) ascii += 1;
  return Math.ceil(ascii / 3) + 2 * (text.length - ascii) + 16 * (call.messages.length + 1);
}

/** The most a call can cost: with JSON, the repair call re-sends the input and the first answer. */
export function estimateCostUsd(
  adapter: ProviderAdapter,
  model: string,
  tokensIn: number,
  maxTokens: number,
  json: boolean,
): number {
  if (!json) return textCostUsd(adapter.name, model, tokensIn, maxTokens);
  return textCostUsd(adapter.name, model, 2 * tokensIn + maxTokens + 64, 2 * maxTokens);
}

type Answer<T> = {
  completion: TextCompletion;
  json?: T;
  cached: boolean;
  redactions: number;
  costUsd: number;
};

async function callWithRepair<T>(
  adapter: ProviderAdapter,
  call: TextCall,
  schema: z.ZodType<T> | undefined,
  wantJson: boolean,
) {
  const first = await adapter.generateText(call);
  if (!wantJson) return { completion: first, json: undefined };
  const parsed = parseJsonOutput(first.text, schema);
  if (parsed.ok) return { completion: first, json: parsed.value };
  const problems = parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  const repair = await adapter.generateText({
    ...call,
    messages: [
      ...call.messages,
      { role: "assistant", content: first.text },
      {
        role: "user",
        content: `That answer is not valid (${problems}). Reply with only the corrected JSON object.`,
      },
    ],
  });
  const total = {
    ...repair,
    tokensIn: first.tokensIn + repair.tokensIn,
    tokensOut: first.tokensOut + repair.tokensOut,
  };
  const second = parseJsonOutput(repair.text, schema);
  if (second.ok) return { completion: total, json: second.value };
  throw new InvalidOutputError(
    `${adapter.name}/${call.model} did not return valid JSON after one repair attempt`,
    second.issues,
    { provider: adapter.name, model: call.model },
  );
}

export async function generateText<T>(ctx: GatewayContext, req: TextRequest<T>): Promise<TextResult<T>> {
  const choice = parseModelName(req.model);
  const chain = ctx.chain(choice.providers ?? req.providers);
  const jsonSchema = req.schema ? toJsonSchema(req.schema) : undefined;
  const wantJson = Boolean(req.schema || req.json);
  const useCache = req.cache !== false;
  const ttlMs = typeof req.cache === "object" ? req.cache.ttlMs : DEFAULT_CACHE_TTL_MS;

  const attempts: Attempt<Answer<T>>[] = chain.map((adapter) => {
    const model = choice.model ?? req.models?.[adapter.name] ?? adapter.defaultModel;
    const prepared = prepareCall(ctx, adapter, req, jsonSchema);
    // The tenant is part of the key: one tenant's cached answers are never served to another.
    const keyParts = { tenant: ctx.options.tenantId, provider: adapter.name, model, ...prepared.call };
    const tokensIn = estimateInputTokens(prepared.call);
    return {
      adapter,
      model,
      tokens: tokensIn + req.maxTokens,
      shortcut: useCache
        ? async () => {
            const hit = await readCache(ctx.db, await cacheKey(keyParts));
            metrics.count(
              "tsumugi_cache_lookups_total",
              { result: hit ? "hit" : "miss" },
              1,
              ctx.options.tenantId,
            );
            if (!hit) return undefined;
            const parsed = wantJson ? parseJsonOutput(hit.text, req.schema) : undefined;
            if (parsed && !parsed.ok) return undefined;
            return {
              completion: hit,
              json: parsed?.ok ? parsed.value : undefined,
              cached: true,
              redactions: prepared.redactions,
              costUsd: 0,
            };
          }
        : undefined,
      run: async (timer) => {
        const estimate = estimateCostUsd(adapter, model, tokensIn, req.maxTokens, wantJson);
        const settle = await reserveBudgets(
          ctx.env.BUDGET_LEDGER,
          ctx.budget,
          { runId: ctx.options.runId, apiKeyId: ctx.options.apiKeyId },
          estimate,
        );
        let costUsd = 0;
        try {
          const out = await callWithRepair(
            adapter,
            { ...prepared.call, model, signal: timer.signal, traceId: ctx.traceId },
            req.schema,
            wantJson,
          );
          timer.clear();
          costUsd = textCostUsd(adapter.name, model, out.completion.tokensIn, out.completion.tokensOut);
          if (useCache) {
            void ctx.background(
              "cache write",
              writeCache(ctx.db, {
                key: await cacheKey(keyParts),
                provider: adapter.name,
                completion: out.completion,
                ttlMs,
              }),
            );
          }
          return { ...out, cached: false, redactions: prepared.redactions, costUsd };
        } finally {
          await ctx.background("budget settle", settle(costUsd));
        }
      },
    };
  });

  const routed = await route(attempts, ctx.router());
  const a = routed.value;
  const usage: CallUsage = {
    tokensIn: a.completion.tokensIn,
    tokensOut: a.completion.tokensOut,
    costUsd: a.costUsd,
    cached: a.cached,
    latencyMs: routed.latencyMs,
  };
  await ctx.recordUsage({
    provider: routed.adapter.name,
    model: routed.model,
    ...usage,
    redactions: a.redactions,
  });
  return {
    text: a.completion.text,
    ...(wantJson ? { json: a.json } : {}),
    provider: routed.adapter.name,
    model: routed.model,
    usage,
    redactions: a.redactions,
    attempts: routed.attempts,
  };
}
