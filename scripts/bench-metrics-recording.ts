/**
 * npm run bench:metrics — the in-isolate cost of recording the metrics of one request and of one
 * step (the same calls observe-request.ts, observe-step.ts and the steps consumer make), without
 * the noise of a whole server: the part of collection that sits on the hot path. (The flush is
 * one RPC per isolate per METRICS_FLUSH_MS, after the response.) Prints one JSON line.
 */
import { drainMetrics, metrics } from "../workers/observability/metrics.ts";
import { benchContext } from "./lib/bench-context.ts";

const N = 200_000;
const tenants = ["t-a", "t-b", "t-c"];

function request(i: number): void {
  const tenantId = tenants[i % 3]!;
  const route = i % 2 ? "/v1/workflows/:id" : "/v1/chat/completions";
  metrics.count("tsumugi_http_requests_total", { route, method: "GET", status: "200" }, 1, tenantId);
  metrics.observe("tsumugi_http_request_duration_seconds", { route }, (i % 500) / 1000, tenantId);
}

function step(i: number): void {
  const tenantId = tenants[i % 3]!;
  const labels = { pipeline: "book", handler: i % 2 ? "article" : "script" };
  metrics.count("tsumugi_queue_messages_received_total", { queue: "tsumugi-steps" }, 1, tenantId);
  metrics.observe("tsumugi_queue_lag_seconds", { queue: "tsumugi-steps" }, (i % 50) / 1000, tenantId);
  metrics.count("tsumugi_steps_started_total", labels, 1, tenantId);
  metrics.count("tsumugi_steps_finished_total", { ...labels, outcome: "ok" }, 1, tenantId);
  metrics.observe("tsumugi_step_duration_seconds", labels, (i % 900) / 100, tenantId);
}

function time(fn: (i: number) => void): number {
  for (let i = 0; i < 20_000; i++) fn(i); // warm up
  drainMetrics();
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    fn(i);
    // An isolate drains its map at every flush (at most once a second); do it now and then.
    if (i % 5_000 === 0) drainMetrics();
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / N;
}

console.log(
  JSON.stringify({
    per_request_ms: Number(time(request).toFixed(5)),
    per_step_ms: Number(time(step).toFixed(5)),
    iterations: N,
    context: benchContext(),
  }),
);
