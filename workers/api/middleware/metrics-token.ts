/**
 * The bearer token of GET /metrics: a secret of its own (METRICS_TOKEN), not a tenant's API key,
 * because the figures there span every tenant. Compared in constant time (over SHA-256 digests,
 * so the lengths match too). Without the secret configured the route answers 503: an exporter
 * that anybody could read is not a safe default.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

export async function tokenMatches(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export const requireMetricsToken = createMiddleware<AppEnv>(async (c, next) => {
  const expected: string | undefined = c.env.METRICS_TOKEN;
  if (!expected) {
    throw new ApiError(503, "metrics_not_configured", "Set the METRICS_TOKEN secret to enable /metrics");
  }
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "");
  if (!match?.[1] || !(await tokenMatches(match[1], expected))) {
    c.header("WWW-Authenticate", 'Bearer realm="tsumugi-metrics"');
    throw new ApiError(
      401,
      "unauthorized",
      "Missing or wrong metrics token: send `Authorization: Bearer <METRICS_TOKEN>`",
    );
  }
  await next();
});
