/**
 * The request's trace (W3C Trace Context): the caller's `traceparent` when it is valid, else a
 * new trace — a malformed header starts a new trace, never an error. The response carries
 * `traceparent` (this Worker's span of the trace) and `X-Trace-Id`; everything the request does
 * runs inside the trace, so its log lines, the runs it creates and its provider calls share it.
 */
import { createMiddleware } from "hono/factory";
import { newSpanId, newTraceId, parseTraceparent, traceparent, withTrace } from "../../observability/trace";
import type { AppEnv } from "../app-env";

export const traceRequest = createMiddleware<AppEnv>(async (c, next) => {
  const traceId = parseTraceparent(c.req.header("traceparent"))?.traceId ?? newTraceId();
  c.set("traceId", traceId);
  // Set before the route runs, like hono's request id, so every response gets them.
  c.header("traceparent", traceparent(traceId, newSpanId()));
  c.header("X-Trace-Id", traceId);
  await withTrace(traceId, next);
});
