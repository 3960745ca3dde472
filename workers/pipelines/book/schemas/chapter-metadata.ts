/** Per chapter: title, summary, keywords and reading time. */
import { z } from "zod";

export const chapterMetadataSchema = z.object({
  title: z.string().min(1).max(200),
  summary: z.string().min(1).max(800),
  keywords: z.array(z.string().min(1).max(60)).min(3).max(12),
  readingTimeMinutes: z.number().int().min(1).max(600),
});
export type ChapterMetadata = z.infer<typeof chapterMetadataSchema>;

/**
 * Minutes to read `text` silently: ~500 characters a minute in Japanese, ~230 words in English.
 * Code is read slower than prose, but counting it as prose keeps the estimate simple and close.
 */
export function readingTimeMinutes(text: string, language: "ja" | "en"): number {
  const minutes =
    language === "ja"
      ? text.replace(/\s/g, "").length / 500
      : text.split(/\s+/).filter((word) => word.length > 0).length / 230;
  return Math.max(1, Math.round(minutes));
}
