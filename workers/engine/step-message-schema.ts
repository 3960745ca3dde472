/**
 * The STEPS queue message's schema (step-message.ts), in its own module: the queue consumer and
 * the dead-letter route parse with it, while the run object, which only builds messages, imports
 * step-message.ts without building a zod schema at start-up (issue 16, cold start).
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
