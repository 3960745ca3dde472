/**
 * The message on the STEPS queue: a pointer to one leased step. The consumer asks the run for
 * the step itself (claim), so a stale or duplicated message never runs anything.
 */
import type { z } from "zod";
import type { stepMessageSchema } from "./step-message-schema";

export type StepMessage = z.infer<typeof stepMessageSchema>;

export function stepMessage(
  run: { id: string; tenantId: string; traceId?: string },
  lease: { nodeId: string; leaseId: string; attempt: number },
): StepMessage {
  return {
    v: 1,
    runId: run.id,
    tenantId: run.tenantId,
    ...lease,
    ...(run.traceId ? { traceId: run.traceId } : {}),
  };
}
