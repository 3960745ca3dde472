/**
 * The message on the STEPS queue: a pointer to one leased step. The consumer asks the run for
 * the step itself (claim), so a stale or duplicated message never runs anything.
 */
import { z } from "zod";

export const stepMessageSchema = z.strictObject({
  v: z.literal(1),
  runId: z.string().min(1).max(200),
  tenantId: z.string().min(1).max(200),
  nodeId: z.string().min(1).max(500),
  leaseId: z.string().uuid(),
  attempt: z.number().int().min(1),
  /** The run's W3C trace id (absent in messages of runs made before traces). */
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
});
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
