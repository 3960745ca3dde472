/**
 * What each book step receives as input: ids, titles and slugs (enough to name its files and
 * fill its prompt) and, for paragraph units, the unit's text. Everything larger — earlier outputs,
 * figures, the book model — is read from R2 by reference, so no step holds the whole book.
 */
import { z } from "zod";
import { runKeys } from "../../../storage/run-keys";

export const namedSchema = z.object({ id: z.string().min(1), slug: z.string(), title: z.string() });
export type Named = z.infer<typeof namedSchema>;

export const bookInfoSchema = z.object({
  runId: z.string().min(1),
  title: z.string(),
  language: z.enum(["ja", "en"]),
  providers: z.array(z.string()).optional(),
});
export type BookInfo = z.infer<typeof bookInfoSchema>;

/** An image or diagram a unit refers to (book-model.ts ImageRef). */
export const imageRefSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("file"), src: z.string(), path: z.string(), alt: z.string() }),
  z.object({ kind: z.enum(["mermaid", "svg"]), code: z.string(), offset: z.number() }),
  z.object({ kind: z.literal("remote"), src: z.string(), alt: z.string() }),
]);

export const unitRefSchema = z.object({
  id: z.string().min(1),
  /** Book-relative path of the unit's file (figure paths are relative to it). */
  path: z.string(),
  /** The unit's text with directives resolved: what the generators read. */
  text: z.string(),
  images: z.array(imageRefSchema),
});
export type UnitRef = z.infer<typeof unitRefSchema>;

export const unitStepInputSchema = z.object({
  book: bookInfoSchema,
  chapter: namedSchema,
  section: namedSchema,
  unit: unitRefSchema,
});
export type UnitStepInput = z.infer<typeof unitStepInputSchema>;

export const sectionStepInputSchema = z.object({
  book: bookInfoSchema,
  chapter: namedSchema,
  section: namedSchema,
  units: z.array(z.string().min(1)).min(1),
});
export type SectionStepInput = z.infer<typeof sectionStepInputSchema>;

export const chapterStepInputSchema = z.object({
  book: bookInfoSchema,
  chapter: namedSchema,
  sections: z.array(namedSchema.extend({ units: z.array(z.string().min(1)) })),
  /** Figures of the chapter: images referenced by its units, by unit path. */
  figures: z.array(z.object({ unitPath: z.string(), ref: imageRefSchema })).optional(),
});
export type ChapterStepInput = z.infer<typeof chapterStepInputSchema>;

/** A part and its chapters (their articles and metadata are read by reference). */
export const partStepInputSchema = z.object({
  book: bookInfoSchema,
  part: namedSchema,
  chapters: z.array(namedSchema).min(1),
});
export type PartStepInput = z.infer<typeof partStepInputSchema>;

export const bookStepInputSchema = z.object({
  book: bookInfoSchema,
  chapters: z.array(namedSchema.extend({ sections: z.array(z.string().min(1)) })).min(1),
  /** The book's parts with their chapter ids; absent or empty for a book without parts. */
  parts: z.array(namedSchema.extend({ chapters: z.array(z.string().min(1)) })).optional(),
});
export type BookStepInput = z.infer<typeof bookStepInputSchema>;

/**
 * The output of a step that wrote one file: its R2 key, which later steps read. Only keys under
 * a run's book folder fit, and step-io's readStoredText also holds them to the reading run.
 */
export const fileOutputSchema = z.strictObject({ key: storedKeySchema() });
export type FileOutput = z.infer<typeof fileOutputSchema>;

export function storedKeySchema() {
  return z
    .string()
    .regex(/^runs\/[^/]+\/book\//, "must be a file of this run's book")
    .refine((key) => !key.split("/").includes(".."), "must not contain ..");
}

/** Node ids of a book run (stable: a retry or a revision addresses the same node). */
export const bookNodeIds = {
  split: "split",
  figures: (chapterId: string) => `${chapterId}/figures`,
  structure: (sectionId: string) => `${sectionId}/structure`,
  article: (unitId: string) => `${unitId}/article`,
  script: (unitId: string) => `${unitId}/script`,
  scriptJson: (unitId: string) => `${unitId}/script-json`,
  sectionArticle: (sectionId: string) => `${sectionId}/section`,
  chapterArticle: (chapterId: string) => `${chapterId}/chapter`,
  chapterMetadata: (chapterId: string) => `${chapterId}/metadata`,
  tweets: (chapterId: string) => `${chapterId}/tweets`,
  description: (chapterId: string) => `${chapterId}/description`,
  thumbnail: (chapterId: string) => `${chapterId}/thumbnail`,
  partArticle: (partId: string) => `${partId}/article`,
  partDescription: (partId: string) => `${partId}/description`,
  bookMetadata: "book/metadata",
  bookIndex: "book/index",
};

/** Where the split step keeps the image files figures are rendered from (not exported). */
export function workFileKey(runId: string, path: string): string {
  return runKeys.workFile(runId, path);
}
