/**
 * What made an output: the prompt (id + version) and the provider/model, recorded beside every
 * generated artifact so a later run can tell stale outputs from current ones.
 */
import { z } from "zod";

export const unitIdSchema = z
  .string()
  .regex(/^ch\d{2,}(\/s\d{2,}(\/p\d{2,})?)?$/, "expected an id like ch03/s02/p05");

export const provenanceSchema = z.object({
  promptId: z.string().min(1),
  promptVersion: z.string().min(1),
  provider: z.string().min(1),
  model: z.string().min(1),
  generatedAt: z.iso.datetime(),
  usage: z
    .object({
      inputTokens: z.number().int().nonnegative(),
      outputTokens: z.number().int().nonnegative(),
      costUsd: z.number().nonnegative().optional(),
    })
    .optional(),
});
export type Provenance = z.infer<typeof provenanceSchema>;
