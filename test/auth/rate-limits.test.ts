/**
 * Seed 003's limits with their default values (the app with RATE_LIMIT_* unset, as in
 * production): 100 requests a minute per address, 10 generations a minute per person, then 429
 * with Retry-After and the usual error body.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../workers/app";
import { BASE } from "../support/api";
import { createRoleKey } from "../support/accounts";

/** The real app, with the production defaults instead of wrangler.toml's development values. */
const defaults = {
  ...env,
  RATE_LIMIT_IP_PER_MINUTE: undefined,
  RATE_LIMIT_GENERATIONS_PER_MINUTE: undefined,
} as unknown as Env;

async function call(path: string, init: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await (await createApp()).request(BASE + path, init, defaults, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("rate limits", () => {
  it("answers 429 with Retry-After after 100 requests a minute from one address", async () => {
    const { key } = await createRoleKey("viewer");
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const headers = { Authorization: `Bearer ${key}`, "CF-Connecting-IP": ip };
    // A token bucket: 100 at once, then refilled at 100 a minute (a few more pass while this runs).
    let over: Response | undefined;
    let passed = 0;
    while (passed < 120) {
      const res = await call("/v1/models", { headers });
      if (res.status === 429) {
        over = res;
        break;
      }
      expect(res.status).toBe(200);
      passed++;
    }
    expect(passed).toBeGreaterThanOrEqual(100);
    expect(passed).toBeLessThan(110);
    expect(Number(over!.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(await over!.json()).toMatchObject({
      error: { code: "rate_limited", details: { limit: "ip", perMinute: 100 } },
    });
    // Another address is not affected.
    const other = await call("/v1/models", { headers: { ...headers, "CF-Connecting-IP": "203.0.113.9" } });
    expect(other.status).toBe(200);
    // Sign-in attempts count too (a password-guessing flood is refused the same way).
    const signIn = await call("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "CF-Connecting-IP": ip, "Content-Type": "application/json", Origin: BASE },
      body: JSON.stringify({ email: "x@example.test", password: "nope-nope-nope" }),
    });
    expect(signIn.status).toBe(429);
  });

  it("answers 429 after 10 generations a minute per person; reads still pass", async () => {
    const { key } = await createRoleKey("editor");
    const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
    const body = JSON.stringify({ pipeline: "phases", input: { text: "t", phases: ["one"] } });
    for (let i = 0; i < 10; i++)
      expect((await call("/v1/workflows", { method: "POST", headers, body })).status).toBe(202);
    const over = await call("/v1/workflows", { method: "POST", headers, body });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(await over.json()).toMatchObject({
      error: { code: "rate_limited", details: { limit: "generations", perMinute: 10 } },
    });
    // The gateway spends money too: the same person's limit.
    const chat = await call("/v1/chat/completions", {
      method: "POST",
      headers,
      body: JSON.stringify({ model: "offline", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(chat.status).toBe(429);
    expect((await call("/v1/workflows", { headers })).status).toBe(200);
  });
});
