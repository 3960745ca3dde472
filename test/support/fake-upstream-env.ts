/**
 * Environments for gateway tests: the real test env (D1, Durable Objects, …) plus provider keys
 * and base URLs pointing the official SDKs at the fake upstream (test/support/fake-upstream.ts).
 */
import { env } from "cloudflare:workers";
import type { GatewayEnv } from "../../workers/providers/config";

export const FAKE_UPSTREAM_URL = (env as unknown as { FAKE_UPSTREAM_URL: string }).FAKE_UPSTREAM_URL;

export type FakeProvider = "openai" | "anthropic" | "gemini";

export function fakeEnv(providers: FakeProvider[] = ["openai", "anthropic", "gemini"]): GatewayEnv {
  const out: GatewayEnv = { ...env };
  if (providers.includes("openai")) {
    out.OPENAI_API_KEY = "sk-test";
    out.OPENAI_BASE_URL = `${FAKE_UPSTREAM_URL}/v1`;
  }
  if (providers.includes("anthropic")) {
    out.ANTHROPIC_API_KEY = "sk-ant-test";
    out.ANTHROPIC_BASE_URL = FAKE_UPSTREAM_URL;
  }
  if (providers.includes("gemini")) {
    out.GEMINI_API_KEY = "gemini-test";
    out.GEMINI_BASE_URL = FAKE_UPSTREAM_URL;
  }
  return out;
}

/** How many requests the fake upstream has received for `model`. */
export async function upstreamCalls(model: string): Promise<number> {
  const res = await fetch(`${FAKE_UPSTREAM_URL}/__calls`);
  const calls: Record<string, number> = await res.json();
  return calls[model] ?? 0;
}

/** The `traceparent` header of each request the fake upstream received for `model` (null: none). */
export async function upstreamTraceparents(model: string): Promise<(string | null)[]> {
  const res = await fetch(`${FAKE_UPSTREAM_URL}/__traceparents`);
  const all: Record<string, (string | null)[]> = await res.json();
  return all[model] ?? [];
}

/** A model name unique to one test, so breaker state and call counts do not leak between tests. */
export function uniqueModel(scenario: string): string {
  return `${scenario}-${crypto.randomUUID().slice(0, 8)}`;
}
