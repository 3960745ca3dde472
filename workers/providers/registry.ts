/**
 * Which adapters exist for an environment, and the default provider chain. The chain follows the
 * seed notes (Gemini → OpenAI → Claude), then Workers AI when bound; offline comes last so a
 * request still succeeds with nothing configured.
 */
import { AnthropicAdapter } from "./adapters/anthropic";
import { GeminiAdapter } from "./adapters/gemini";
import { OfflineAdapter } from "./adapters/offline";
import { OpenAIAdapter } from "./adapters/openai";
import { WorkersAiAdapter, type WorkersAiRunner } from "./adapters/workers-ai";
import { readSettings, type GatewayEnv } from "./config";
import type { ProviderAdapter, ProviderName } from "./types";

export const DEFAULT_CHAIN: readonly ProviderName[] = [
  "gemini",
  "openai",
  "anthropic",
  "workers-ai",
  "offline",
];

export type Adapters = Record<ProviderName, ProviderAdapter>;

export function buildAdapters(env: GatewayEnv): Adapters {
  const s = readSettings(env);
  return {
    gemini: new GeminiAdapter({ apiKey: s.GEMINI_API_KEY, baseUrl: s.GEMINI_BASE_URL }),
    openai: new OpenAIAdapter({ apiKey: s.OPENAI_API_KEY, baseURL: s.OPENAI_BASE_URL }),
    anthropic: new AnthropicAdapter({ apiKey: s.ANTHROPIC_API_KEY, baseURL: s.ANTHROPIC_BASE_URL }),
    // The generated Env types AI only in production; locally it is absent.
    "workers-ai": new WorkersAiAdapter((env as { AI?: WorkersAiRunner }).AI),
    offline: new OfflineAdapter(),
  };
}

/**
 * The configured providers of `requested` (or the default chain), in order. Offline is appended
 * only when the caller did not choose providers and nothing else is configured, so a chosen chain
 * without offline fails clearly instead of quietly answering offline.
 */
export function resolveChain(adapters: Adapters, requested?: readonly ProviderName[]): ProviderAdapter[] {
  if (requested?.length) return requested.map((name) => adapters[name]).filter((a) => a.configured);
  const configured = DEFAULT_CHAIN.filter((n) => n !== "offline")
    .map((n) => adapters[n])
    .filter((a) => a.configured);
  return configured.length ? configured : [adapters.offline];
}
