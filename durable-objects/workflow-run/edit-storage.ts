/**
 * Where a reviewer's edited output is kept: like a step's output (workers/consumer/
 * execute-step.ts), inline in the run's SQLite up to INLINE_OUTPUT_LIMIT_BYTES and in R2 above
 * it, with the node holding only the reference. Steps that read the node get it from R2 the same
 * way they read a large step output.
 */
import { z } from "zod";
import { reviewActionSchema, type ReviewAction } from "../../workers/engine/protocol";
import { INLINE_OUTPUT_LIMIT_BYTES } from "../../workers/consumer/execute-step";

/** Stores a large edit's output in R2; returns its key, or null when it stays inline. */
export async function offloadLargeEdit(
  bucket: R2Bucket,
  runId: string,
  action: ReviewAction,
): Promise<string | null> {
  if (action.action !== "edit") return null;
  const json = JSON.stringify(action.output);
  if (json.length <= INLINE_OUTPUT_LIMIT_BYTES) return null;
  const key = `runs/${runId}/edits/${crypto.randomUUID()}.json`;
  await bucket.put(key, json, { httpMetadata: { contentType: "application/json" } });
  return key;
}

/**
 * A review waiting for its gate (pending_reviews.action). An offloaded edit is kept as its
 * reference, not its output, so the large output is in SQLite at no point.
 */
const pendingSchema = z.union([
  z.object({ review: reviewActionSchema, outputRef: z.string().nullable() }),
  // Rows written before edits could be offloaded hold the bare action.
  reviewActionSchema.transform((review) => ({ review, outputRef: null })),
]);

export function encodePendingReview(action: ReviewAction, outputRef: string | null): string {
  const review = outputRef && action.action === "edit" ? { action: "edit", output: null } : action;
  return JSON.stringify({ review, outputRef });
}

export function decodePendingReview(text: string): { review: ReviewAction; outputRef: string | null } {
  return pendingSchema.parse(JSON.parse(text));
}
