/**
 * Default per-provider limits (requests and tokens per minute) for the shared token buckets in
 * ProviderGuard. They sit below the providers' usual entry-tier limits so the gateway waits or
 * falls back before the provider starts answering 429. Offline has none.
 */
import type { ProviderName } from "./types";

export type ProviderLimits = { rpm?: number; tpm?: number };

export const PROVIDER_LIMITS: Record<ProviderName, ProviderLimits> = {
  gemini: { rpm: 1_000, tpm: 1_000_000 },
  openai: { rpm: 500, tpm: 500_000 },
  anthropic: { rpm: 50, tpm: 40_000 },
  "workers-ai": { rpm: 300 },
  offline: {},
};
