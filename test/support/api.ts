/**
 * Helpers for integration tests: requests go through the Worker's real fetch handler
 * (`exports.default`), and keys are created the way `npm run key:create` creates them.
 */
import { env, exports } from "cloudflare:workers";
import { generateApiKey } from "../../workers/auth/api-keys";

export const BASE = "http://tsumugi.test";

export function api(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(BASE + path, init));
}

export type TestKey = { key: string; id: string; tenantId: string };

/** Inserts a fresh key for a new (or the given) tenant directly in D1. */
export async function createTestKey(tenantId: string = crypto.randomUUID()): Promise<TestKey> {
  const { key, prefix, keyHash } = await generateApiKey();
  const id = crypto.randomUUID();
  await env.DB.prepare("INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash) VALUES (?, ?, ?, ?, ?)")
    .bind(id, tenantId, "test", prefix, keyHash)
    .run();
  return { key, id, tenantId };
}

export function authed(key: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${key}`);
  return { ...init, headers };
}

export function jsonBody(body: unknown, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  return { method: "POST", ...init, headers, body: JSON.stringify(body) };
}
