/**
 * Generators whose output is prose, not JSON: the article (Markdown), the narration script
 * (plain text to be read aloud) and the section/chapter aggregations (Markdown). They are
 * validated as non-empty text of bounded size; empty or runaway output is a failed step.
 */
import { z } from "zod";

const MAX_TEXT = 200_000;

export const articleMarkdownSchema = z.string().trim().min(1).max(MAX_TEXT);
export const narrationScriptTextSchema = z.string().trim().min(1).max(MAX_TEXT);

/** An aggregated article: the joined unit articles, edited into one piece. */
export const aggregatedArticleSchema = z.object({
  title: z.string().min(1).max(200),
  markdown: z.string().trim().min(1).max(1_000_000),
  /** The unit ids it covers, in order. */
  unitIds: z.array(z.string().min(1)).min(1),
});
export type AggregatedArticle = z.infer<typeof aggregatedArticleSchema>;
