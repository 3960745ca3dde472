/**
 * The shapes every provider adapter speaks. Adapters translate these to and from their SDK, so
 * the router, cache, budgets and API routes never see a provider-specific type.
 */

export { PROVIDER_NAMES, type ProviderName } from "../protocol/providers";
import type { ProviderName } from "../protocol/providers";

/**
 * Tokens and cost of provider work: one call, one step's calls, a whole run. The one usage
 * shape; others add to it (CallUsage: cache and latency; the engine's StepUsage: who did it).
 */
export type Usage = { tokensIn: number; tokensOut: number; costUsd: number };

/** One gateway call's usage: the tokens and cost, whether the cache answered, how long it took. */
export type CallUsage = Usage & { cached: boolean; latencyMs: number };

export type ChatRole = "user" | "assistant";
export type ChatMessage = { role: ChatRole; content: string };

/** What an adapter is asked to do for one attempt. */
export type TextCall = {
  model: string;
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  /** Ask for a JSON object; `jsonSchema` (JSON Schema) describes it when known. */
  json?: boolean;
  jsonSchema?: Record<string, unknown>;
  /** Aborted at the attempt's timeout. */
  signal: AbortSignal;
};

export type TextCompletion = {
  text: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
};

export type StreamChunk =
  { type: "text"; text: string } | { type: "usage"; tokensIn: number; tokensOut: number };

export type ImageCall = {
  model: string;
  prompt: string;
  width: number;
  height: number;
  signal: AbortSignal;
};

export type ImageResult = { bytes: Uint8Array; contentType: string; model: string };

/** One provider behind the gateway. */
export interface ProviderAdapter {
  readonly name: ProviderName;
  /** Has credentials / a binding; an unconfigured adapter is never called. */
  readonly configured: boolean;
  /** True for providers outside this Worker, whose inputs get PII redaction by default. */
  readonly external: boolean;
  readonly defaultModel: string;
  readonly defaultImageModel?: string;
  /** Models advertised at GET /v1/models. */
  readonly models: readonly string[];
  generateText(call: TextCall): Promise<TextCompletion>;
  streamText(call: TextCall): AsyncIterable<StreamChunk>;
  generateImage?(call: ImageCall): Promise<ImageResult>;
}
