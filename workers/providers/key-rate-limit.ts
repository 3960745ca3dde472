/**
 * Per-API-key request limit for the gateway's direct API (chat completions, task submission):
 * a token bucket in the ProviderGuard object named `key:<apiKeyId>`, shared by all isolates.
 * Over the limit: 429 `rate_limited` with Retry-After.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../api/app-env";
import { ApiError } from "../api/errors";
import { DEFAULT_KEY_RPM, readSettings, type GatewayEnv } from "./config";

export const keyRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const rpm = readSettings(c.env as GatewayEnv).GATEWAY_KEY_RPM ?? DEFAULT_KEY_RPM;
  const { apiKeyId } = c.get("auth");
  const stub = c.env.PROVIDER_GUARD.get(c.env.PROVIDER_GUARD.idFromName(`key:${apiKeyId}`));
  const r = await stub.takeRequest(rpm);
  if (!r.ok) {
    c.header("Retry-After", String(Math.max(1, Math.ceil(r.retryAfterMs / 1000))));
    throw new ApiError(429, "rate_limited", `This API key is over its limit of ${rpm} requests a minute`, {
      limit_rpm: rpm,
      retry_after_ms: r.retryAfterMs,
    });
  }
  await next();
});
