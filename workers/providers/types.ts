import type { CharacterLook, LaidOutPanel } from "../media/manga/types";
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
  /**
   * What the offline provider answers instead of its generic extractive JSON: a deterministic
   * answer the caller built from the input (e.g. the manga pipeline's phases, from the story's own
   * sentences and names). Only the offline provider reads it; real providers never see it.
   */
  offlineAnswer?: unknown;
  /** Aborted at the attempt's timeout. */
  signal: AbortSignal;
  /** The caller's trace: each HTTP request to the provider carries it in `traceparent`. */
  traceId?: string;
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
  /** A structured description of the picture for the offline provider's procedural art. */
  hint?: ImageHint;
  signal: AbortSignal;
  traceId?: string;
};

/**
 * What to draw, structured, beside the text prompt: the offline provider renders it as
 * procedural art (workers/providers/offline/manga-art.ts); real providers get only the prompt.
 */
export type ImageHint =
  | { kind: "manga-character-sheet"; look: CharacterLook }
  | {
      kind: "manga-panel";
      panel: LaidOutPanel;
      looks: CharacterLook[];
      /** Varies the drawing for a revision (0: the first drawing). */
      variant?: number;
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
