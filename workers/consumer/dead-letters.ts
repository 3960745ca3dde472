/**
 * Consumer of the steps dead-letter queue: records every message in D1 (`dead_letters`) with the
 * reason, so it is visible at GET /v1/dead-letters and can be re-driven. Messages arrive either
 * wrapped by our consumer ({ reason, issues, body }: never parsable) or raw, moved here by the
 * queue after max_retries deliveries failed.
 */
import { z } from "zod";
import { openDb } from "../db/client";
import { deadLetters } from "../db/schema";

export const STEPS_DLQ = "tsumugi-steps-dlq";

const wrappedSchema = z.object({
  reason: z.string(),
  issues: z.array(z.string()).optional(),
  body: z.unknown(),
});
const ownerSchema = z.object({
  tenantId: z.string(),
  runId: z.string().optional(),
  nodeId: z.string().optional(),
});

export async function consumeDeadLetters(batch: MessageBatch, env: Env): Promise<void> {
  const db = openDb(env.DB);
  const rows = batch.messages.map((message) => {
    const wrapped = wrappedSchema.safeParse(message.body);
    const body = wrapped.success ? wrapped.data.body : message.body;
    const owner = ownerSchema.safeParse(body);
    const reason = wrapped.success
      ? [wrapped.data.reason, ...(wrapped.data.issues ?? [])].join("; ")
      : `delivery failed after ${message.attempts} attempt(s) on ${STEPS_DLQ.replace(/-dlq$/, "")}`;
    return {
      id: crypto.randomUUID(),
      queue: "tsumugi-steps",
      tenantId: owner.success ? owner.data.tenantId : null,
      runId: owner.success ? (owner.data.runId ?? null) : null,
      nodeId: owner.success ? (owner.data.nodeId ?? null) : null,
      reason,
      body,
    };
  });
  // D1 limits bound parameters per statement; a few rows at a time stays well inside it.
  for (let i = 0; i < rows.length; i += 10) await db.insert(deadLetters).values(rows.slice(i, i + 10));
  batch.ackAll();
}
