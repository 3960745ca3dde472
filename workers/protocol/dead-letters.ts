/** /v1/dead-letters: step messages the queue gave up on, and re-driving one. */
import { z } from "zod";

export const listDeadLettersQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const deadLetterIdParamSchema = z.object({ id: z.uuid() });

export const deadLetterSchema = z
  .object({
    id: z.string(),
    queue: z.string(),
    runId: z.string().nullable(),
    nodeId: z.string().nullable(),
    reason: z.string(),
    /** The message as it was received (any JSON). */
    body: z.unknown(),
    createdAt: z.number(),
    redrivenAt: z.number().nullable(),
  })
  .meta({ id: "DeadLetter" });

export const deadLetterListSchema = z.object({ deadLetters: z.array(deadLetterSchema) });

export const redrivenSchema = z.object({ id: z.string(), redriven: z.literal(true) });
