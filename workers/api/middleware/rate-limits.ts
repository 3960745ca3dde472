/**
 * Per-address and per-person limits (seed 003): every /v1 and /api/auth request counts against
 * its client address (RATE_LIMIT_IP_PER_MINUTE, default 100), and every request that spends
 * provider money or starts work (auth/permissions.ts GENERATION_ACTIONS) against the person
 * (RATE_LIMIT_GENERATIONS_PER_MINUTE, default 10; a key without a person counts for itself).
 * Over a limit: 429 `rate_limited` with Retry-After.
 *
 * The buckets are ProviderGuard objects (`ip:<address>`, `gen:<person>`), the same token bucket
 * that limits API keys: one count shared by every isolate, and it tells how long to wait. Each
 * isolate spends from a leased slice of it (../request-lease.ts): no round trip per request, and
 * never more than the limit in total (a window may see at most one slice per isolate early).
 * The Workers Rate Limiting binding was not used: its limit is fixed in wrangler.toml (not a
 * var), its period is 10 or 60 s only, it counts per location and approximately, and it says
 * nothing about when to retry, so Retry-After would be a guess.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { GENERATION_ACTIONS } from "../../auth/permissions";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { takeRequest } from "../request-lease";

export const DEFAULT_IP_PER_MINUTE = 100;
export const DEFAULT_GENERATIONS_PER_MINUTE = 10;

function perMinute(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** One request from a shared bucket, spent from this isolate's leased slice (request-lease.ts). */
function take(c: Context<AppEnv>, bucket: string, rpm: number): Promise<number> {
  return takeRequest(c.env.PROVIDER_GUARD, bucket, rpm, (p) => c.executionCtx.waitUntil(p));
}

/** Limits by client address; runs before authentication so floods of bad credentials count too. */
export const ipRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  // Cloudflare sets CF-Connecting-IP on every request (wrangler dev too); without it nothing is
  // known about the client, and one shared bucket would let one client starve all others.
  const ip = c.req.header("CF-Connecting-IP");
  if (ip) {
    const rpm = perMinute(c.env.RATE_LIMIT_IP_PER_MINUTE, DEFAULT_IP_PER_MINUTE);
    const waitMs = await take(c, `ip:${ip}`, rpm);
    if (waitMs > 0)
      throw new ApiError(
        429,
        "rate_limited",
        `Too many requests from your address: the limit is ${rpm} a minute`,
        { limit: "ip", perMinute: rpm, retryAfterMs: waitMs },
        { retryAfterMs: waitMs },
      );
  }
  await next();
});

/** Limits generations per person; after `authorizeRoute`, which names the route's action. */
export const generationRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const action = c.get("action");
  if (action && GENERATION_ACTIONS.has(action)) {
    const caller = c.get("auth");
    const rpm = perMinute(c.env.RATE_LIMIT_GENERATIONS_PER_MINUTE, DEFAULT_GENERATIONS_PER_MINUTE);
    const waitMs = await take(c, `gen:${caller.userId ?? caller.apiKeyId}`, rpm);
    if (waitMs > 0)
      throw new ApiError(
        429,
        "rate_limited",
        `Too many generations: the limit is ${rpm} a minute per person`,
        { limit: "generations", perMinute: rpm, retryAfterMs: waitMs },
        { retryAfterMs: waitMs },
      );
  }
  await next();
});
