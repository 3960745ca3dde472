/** /v1/prompts: the prompt templates with their A/B variants, and how people received each variant. */
import { z } from "zod";

export const promptListingSchema = z
  .object({
    /** The template's folder under prompts/, e.g. `critic`, `book/article`. */
    template: z.string(),
    /** The base variant's "system-version+message-version". */
    version: z.string(),
    variants: z.array(z.object({ name: z.string(), weight: z.number(), version: z.string() })),
  })
  .meta({ id: "PromptListing" });
export type PromptListing = z.infer<typeof promptListingSchema>;

export const promptListSchema = z.object({ prompts: z.array(promptListingSchema) });

export const promptStatsQuerySchema = z.strictObject({
  template: z.string().min(1).max(200).optional(),
  /** Only decisions at or after this time (ms since the epoch). */
  since: z.coerce.number().int().min(0).optional(),
});

export const variantStatsSchema = z
  .object({
    template: z.string(),
    version: z.string(),
    variant: z.string(),
    /** Reviewed outputs of this variant that were decided (approved or skipped). */
    uses: z.number().int(),
    approved: z.number().int(),
    /** Share of uses approved without any revision (0..1). */
    firstPassApprovalRate: z.number(),
    /** Revisions asked for per use, on average. */
    meanRevisions: z.number(),
    /** What the reviewed steps cost in all, revisions included (USD). */
    costUsd: z.number(),
    /** Uses decided by a person and by the agent's critic. */
    byReviewer: z.object({ person: z.number().int(), agent: z.number().int() }),
  })
  .meta({ id: "VariantStats" });
export type VariantStats = z.infer<typeof variantStatsSchema>;

export const promptStatsSchema = z.object({ variants: z.array(variantStatsSchema) });
