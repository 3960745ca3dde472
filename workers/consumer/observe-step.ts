/**
 * Metrics and the log line of one step: started, finished (ok / failed / retry) and its duration
 * by pipeline and handler, counted for the run's tenant. In-isolate work only (metrics.ts).
 */
import type { Assignment, StepOutcome } from "../engine/types";
import { log } from "../observability/log";
import { metrics } from "../observability/metrics";

export async function observeStep(
  assignment: Assignment,
  run: () => Promise<StepOutcome>,
): Promise<StepOutcome> {
  const labels = { pipeline: assignment.pipeline, handler: assignment.handler };
  const tenantId = assignment.tenantId;
  metrics.count("tsumugi_steps_started_total", labels, 1, tenantId);
  const started = performance.now();
  let outcome: StepOutcome | undefined;
  try {
    outcome = await run();
    return outcome;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    const result = !outcome ? "failed" : outcome.ok ? "ok" : outcome.retryable ? "retry" : "failed";
    metrics.count("tsumugi_steps_finished_total", { ...labels, outcome: result }, 1, tenantId);
    metrics.observe("tsumugi_step_duration_seconds", labels, seconds, tenantId);
    log.info("step", {
      runId: assignment.runId,
      nodeId: assignment.nodeId,
      tenantId,
      ...labels,
      attempt: assignment.attempt,
      outcome: result,
      durationMs: Math.round(seconds * 1000),
    });
  }
}
