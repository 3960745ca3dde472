/** Provider names and the provider/usage views (GET /v1/providers, /v1/providers/usage). */
import { z } from "zod";

export const PROVIDER_NAMES = ["gemini", "openai", "anthropic", "workers-ai", "offline"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export const breakerSchema = z.object({
  model: z.string(),
  state: z.enum(["closed", "open", "half_open"]),
  consecutiveFailures: z.number().int(),
  openedAt: z.number().nullable(),
  successRate: z.number().nullable(),
  calls: z.number().int(),
  p50LatencyMs: z.number().nullable(),
});

export const providerViewSchema = z
  .object({
    name: z.enum(PROVIDER_NAMES),
    configured: z.boolean(),
    external: z.boolean(),
    defaultModel: z.string(),
    /** -1 when the provider is not in the default chain. */
    defaultChainPosition: z.number().int(),
    limits: z.object({ rpm: z.number().optional(), tpm: z.number().optional() }),
    breakers: z.array(breakerSchema),
  })
  .meta({ id: "Provider" });

export const providerListSchema = z.object({
  defaultChain: z.array(z.enum(PROVIDER_NAMES)),
  providers: z.array(providerViewSchema),
});

export const USAGE_GROUPS = ["apiKey", "run", "provider", "node"] as const;

export const usageQuerySchema = z.object({
  groupBy: z.enum(USAGE_GROUPS).default("provider"),
  since: z.coerce.number().int().nonnegative().default(0),
});

export const usageReportSchema = z.object({
  groupBy: z.enum(USAGE_GROUPS),
  usage: z.array(
    z.object({
      /** The api key id, run id, provider or node id; null for calls without one. */
      key: z.string().nullable(),
      calls: z.number().int(),
      cached: z.number().int(),
      tokensIn: z.number().int(),
      tokensOut: z.number().int(),
      costUsd: z.number(),
      redactions: z.number().int(),
    }),
  ),
});
