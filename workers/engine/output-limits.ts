/**
 * Where a node's output lives: serialised outputs up to INLINE_OUTPUT_LIMIT_BYTES stay in the
 * run's SQLite; larger ones (a step's result, a reviewer's edit) go to R2 and the node keeps the
 * key. One rule for both writers: the consumer (workers/consumer/execute-step.ts) and the run
 * object (durable-objects/workflow-run/edit-storage.ts).
 */
export const INLINE_OUTPUT_LIMIT_BYTES = 64 * 1024;
