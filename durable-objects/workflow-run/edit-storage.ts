/**
 * Where a reviewer's edited output is kept: like a step's output (workers/engine/
 * output-limits.ts), inline in the run's SQLite up to INLINE_OUTPUT_LIMIT_BYTES and in R2 above
 * it, with the node holding only the reference. Steps that read the node get it from R2 the same
 * way they read a large step output. The same rule holds over HTTP and over the socket.
 */
import type { CheckedReview } from "../../workers/engine/graph";
import { INLINE_OUTPUT_LIMIT_BYTES } from "../../workers/engine/output-limits";

/**
 * Stores a large edit's output in R2 and returns the edit as its reference (output null), so
 * the large output is in SQLite at no point, not even in a buffered review. Anything else is
 * returned as it is.
 */
export async function offloadLargeEdit(
  bucket: R2Bucket,
  runId: string,
  review: CheckedReview,
): Promise<CheckedReview> {
  if (review.action !== "edit" || review.outputRef) return review;
  const json = JSON.stringify(review.output);
  if (json.length <= INLINE_OUTPUT_LIMIT_BYTES) return review;
  const key = `runs/${runId}/edits/${crypto.randomUUID()}.json`;
  await bucket.put(key, json, { httpMetadata: { contentType: "application/json" } });
  return { action: "edit", output: null, outputRef: key };
}
