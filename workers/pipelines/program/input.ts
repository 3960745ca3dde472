/**
 * The program pipeline's input: a brief (what the program should do), an optional title and
 * optional knowledge-base document ids whose passages the spec may use. The run's `mode`
 * (dialog / auto) is a run option, not part of the input.
 */
import { z } from "zod";
import { knowledgeDocsSchema } from "../generators/knowledge";

export const programInputSchema = z.strictObject({
  brief: z.string().trim().min(10, "a brief of at least 10 characters").max(20_000),
  title: z.string().trim().min(1).max(200).optional(),
  knowledgeDocs: knowledgeDocsSchema,
});
export type ProgramInput = z.output<typeof programInputSchema>;
