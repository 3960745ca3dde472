/**
 * Provider settings from the Worker's environment. Keys are secrets (.dev.vars locally,
 * `wrangler secret put` in production), so they are not in the generated `Env`; they are read
 * and validated here. An empty string counts as unset (the .dev.vars.example leaves them empty).
 */
import { z } from "zod";
import { PROVIDER_NAMES } from "./types";

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));
const optionalNumber = optional.pipe(
  z.union([z.undefined(), z.string().transform(Number).pipe(z.number().positive())]),
);

const settingsSchema = z.object({
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: optional,
  OPENAI_API_KEY: optional,
  /** Any OpenAI-compatible server (Ollama, vLLM, LM Studio, DeepSeek). */
  OPENAI_BASE_URL: optional,
  GEMINI_API_KEY: optional,
  GEMINI_BASE_URL: optional,
  /** Per-attempt timeout for provider calls. */
  GATEWAY_TIMEOUT_MS: optionalNumber,
  /** Requests per minute per API key on the direct API (/v1/chat/completions, /v1/tasks). */
  GATEWAY_KEY_RPM: optionalNumber,
  /** Default spending limit per API key in USD; unset means no limit. */
  GATEWAY_KEY_BUDGET_USD: optionalNumber,
  /**
   * Provider limits overriding limits.ts, as JSON: {"openai": {"rpm": 5000, "tpm": 2000000}}.
   * Set them to your account's tier so the gateway waits or falls back before the provider 429s.
   */
  GATEWAY_PROVIDER_LIMITS: optional.pipe(
    z.union([
      z.undefined(),
      z
        .string()
        .transform((v, ctx) => {
          try {
            return JSON.parse(v) as unknown;
          } catch {
            ctx.addIssue({ code: "custom", message: "GATEWAY_PROVIDER_LIMITS is not JSON" });
            return z.NEVER;
          }
        })
        .pipe(
          z.partialRecord(
            z.enum(PROVIDER_NAMES),
            z.strictObject({ rpm: z.number().positive().optional(), tpm: z.number().positive().optional() }),
          ),
        ),
    ]),
  ),
});

export type GatewaySettings = z.output<typeof settingsSchema>;
export type GatewaySettingNames = keyof z.input<typeof settingsSchema>;

/** The Worker env plus the optional gateway secrets and vars. */
export type GatewayEnv = Env & Partial<Record<GatewaySettingNames, string>>;

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_KEY_RPM = 600;

/** Parsed once per env object: an isolate reuses its env for every request. */
const parsed = new WeakMap<object, GatewaySettings>();

export function readSettings(env: GatewayEnv): GatewaySettings {
  const cached = parsed.get(env);
  if (cached) return cached;
  const settings = parseSettings(env);
  parsed.set(env, settings);
  return settings;
}

function parseSettings(env: GatewayEnv): GatewaySettings {
  const picked: Record<string, unknown> = {};
  for (const name of Object.keys(settingsSchema.shape)) {
    // Env is an interface without an index signature; settings are looked up by name.
    const value = (env as unknown as Record<string, unknown>)[name];
    if (typeof value === "string") picked[name] = value;
  }
  return settingsSchema.parse(picked);
}
