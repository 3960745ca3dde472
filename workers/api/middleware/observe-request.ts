/**
 * Per request: one metrics count and duration by route pattern and status (never the raw path:
 * ids would make a series per run), and one structured log line. Both are cheap in-isolate work;
 * the metrics leave after the response (workers/index.ts flushes them in waitUntil).
 */
import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import { log } from "../../observability/log";
import { metrics } from "../../observability/metrics";
import type { AppEnv } from "../app-env";

export const observeRequest = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  await next();
  const seconds = (performance.now() - started) / 1000;
  // The last matched route is the endpoint's pattern (e.g. /v1/workflows/:id); an unknown path
  // only matched middleware such as /v1/*.
  const route = routePath(c, -1) || "unmatched";
  const status = c.res.status;
  const tenantId = c.get("auth")?.tenantId ?? "";
  metrics.count(
    "tsumugi_http_requests_total",
    { route, method: c.req.method, status: String(status) },
    1,
    tenantId,
  );
  metrics.observe("tsumugi_http_request_duration_seconds", { route }, seconds, tenantId);
  const fields = {
    requestId: c.get("requestId"),
    traceId: c.get("traceId"),
    tenantId: tenantId || undefined,
    method: c.req.method,
    route,
    status,
    durationMs: Math.round(seconds * 1000),
  };
  if (status >= 500) log.error("request", fields);
  else log.info("request", fields);
});
