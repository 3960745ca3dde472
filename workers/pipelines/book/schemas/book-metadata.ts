/** Per book: metadata and an index of terms pointing at the units that explain them. */
import { z } from "zod";
import { unitIdSchema } from "./provenance.ts";

export const bookMetadataSchema = z.object({
  title: z.string().min(1).max(200),
  subtitle: z.string().max(200).optional(),
  summary: z.string().min(1).max(2000),
  audience: z.string().min(1).max(400),
  keywords: z.array(z.string().min(1).max(60)).min(3).max(20),
  language: z.enum(["ja", "en"]),
  chapterCount: z.number().int().positive(),
  readingTimeMinutes: z.number().int().positive(),
});
export type BookMetadata = z.infer<typeof bookMetadataSchema>;

export const bookIndexSchema = z.object({
  entries: z
    .array(
      z.object({
        term: z.string().min(1).max(100),
        /** Reading for sorting Japanese terms (kana), when it differs from the term. */
        reading: z.string().max(100).optional(),
        unitIds: z.array(unitIdSchema).min(1).max(50),
      }),
    )
    .min(1)
    .max(2000),
  /** The book's parts in order, with their chapters (books without parts have none). */
  parts: z
    .array(
      z.object({
        id: z.string().regex(/^pt\d{2,}$/),
        title: z.string().min(1).max(200),
        description: z.string().max(1200).optional(),
        chapterIds: z.array(z.string().min(1)).min(1),
      }),
    )
    .optional(),
});
export type BookIndex = z.infer<typeof bookIndexSchema>;
