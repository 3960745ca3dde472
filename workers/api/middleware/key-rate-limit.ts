/**
 * Per-API-key request limit for the gateway's direct API (chat completions, task submission):
 * a token bucket in the ProviderGuard object named `key:<apiKeyId>`, shared by all isolates, spent
 * from this isolate's leased slice of it (../request-lease.ts) so a request makes no round trip.
 * Over the limit: 429 `rate_limited` with Retry-After.
 */
import { createMiddleware } from "hono/factory";
import { DEFAULT_KEY_RPM, readSettings, type GatewayEnv } from "../../providers/config";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { takeRequest } from "../request-lease";

export const keyRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const rpm = readSettings(c.env as GatewayEnv).GATEWAY_KEY_RPM ?? DEFAULT_KEY_RPM;
  const { apiKeyId } = c.get("auth");
  const retryAfterMs = await takeRequest(c.env.PROVIDER_GUARD, `key:${apiKeyId}`, rpm, (p) =>
    c.executionCtx.waitUntil(p),
  );
  if (retryAfterMs > 0) {
    throw new ApiError(
      429,
      "rate_limited",
      `This API key is over its limit of ${rpm} requests a minute`,
      { limitRpm: rpm, retryAfterMs },
      { retryAfterMs },
    );
  }
  await next();
});
