/**
 * Decisions on reviewed outputs, written to D1 (`prompt_reviews`) for GET /v1/prompts/stats.
 * Written after the decision is committed in the run's storage; a failed write is logged and
 * costs one row of statistics, never the review itself.
 */
import { log } from "../../workers/observability/log";
import type { PromptDecision } from "./review-desk";

export async function recordPromptDecision(
  db: D1Database,
  run: { id: string; tenantId: string; pipeline: string },
  d: PromptDecision,
): Promise<void> {
  try {
    // drizzle and the D1 schema load with the first decision, not when the isolate starts (the
    // run object imports this module; issue 16, cold start).
    const [{ openDb }, { promptReviews }] = await Promise.all([
      import("../../workers/db/client"),
      import("../../workers/db/schema"),
    ]);
    await openDb(db).insert(promptReviews).values({
      id: crypto.randomUUID(),
      tenantId: run.tenantId,
      workflowId: run.id,
      pipeline: run.pipeline,
      gate: d.gate,
      nodeId: d.nodeId,
      template: d.template,
      version: d.version,
      variant: d.variant,
      resolution: d.resolution,
      reviewer: d.reviewer,
      revisions: d.revisions,
      costUsd: d.costUsd,
      createdAt: d.at,
    });
  } catch (err) {
    log.error("prompt decision write failed", { runId: run.id, gate: d.gate, error: err });
  }
}
