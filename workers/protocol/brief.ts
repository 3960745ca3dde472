/**
 * The input of the `page` and `program` pipelines (the same for both): a brief, an optional title
 * and optional knowledge-base document ids. Here so the pipelines check with it on the server and
 * the browser app checks a brief with the very same schema before sending it.
 */
import { z } from "zod";

/** The pipelines that start from a brief. */
export const BRIEF_PIPELINES = ["page", "program"] as const;
export type BriefPipeline = (typeof BRIEF_PIPELINES)[number];

export const BRIEF_LIMITS = { minChars: 10, maxChars: 20_000, maxKnowledgeDocs: 20 } as const;

/** Knowledge-base document ids whose passages the steps may use (GET /v1/knowledge/:id). */
export const knowledgeDocsSchema = z
  .array(z.string().min(1).max(100))
  .max(BRIEF_LIMITS.maxKnowledgeDocs)
  .optional();

export const briefInputSchema = z.strictObject({
  brief: z
    .string()
    .trim()
    .min(BRIEF_LIMITS.minChars, "a brief of at least 10 characters")
    .max(BRIEF_LIMITS.maxChars),
  title: z.string().trim().min(1).max(200).optional(),
  knowledgeDocs: knowledgeDocsSchema,
});
export type BriefInput = z.output<typeof briefInputSchema>;
