/** /v1/uploads: a book's source (Markdown or zip), read and split before it is stored. */
import { z } from "zod";

export const UPLOAD_ID_PATTERN = /^up_[0-9a-f]{32}$/;
export const uploadIdParamSchema = z.object({
  id: z.string().regex(UPLOAD_ID_PATTERN, "not an upload id"),
});

export const uploadKindSchema = z.enum(["file", "zip"]);

export const uploadPartSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    /** Its chapters (sub-chapters included), in reading order. */
    chapterIds: z.array(z.string()),
  })
  .meta({ id: "UploadPart" });

export const uploadChapterSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    sections: z.number().int(),
    /** Added with parts (additive): where the chapter sits and what it holds. */
    partId: z.string().optional(),
    /** Set for a sub-chapter: the chapter it is nested under in the table of contents. */
    parentId: z.string().optional(),
    /** 1 for a chapter, 2 for a sub-chapter, … */
    depth: z.number().int().positive(),
    units: z.number().int(),
    figures: z.number().int(),
    /** Source files of the chapter, book-relative. */
    files: z.array(z.string()),
  })
  .meta({ id: "UploadChapter" });

/**
 * Steps a run will plan: `total` = 3·units + 2·sections + 6·chapters + 2·parts + 3 (`formula`),
 * and per level how many items there are, which handlers run per item, and their steps.
 */
export const plannedStepsSchema = z
  .object({
    total: z.number().int(),
    formula: z.string(),
    breakdown: z.array(
      z.object({
        level: z.enum(["unit", "section", "chapter", "part", "book"]),
        count: z.number().int(),
        handlers: z.array(z.string()),
        steps: z.number().int(),
      }),
    ),
  })
  .meta({ id: "PlannedSteps" });

export const createdUploadSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
    kind: uploadKindSchema,
    book: z.object({
      title: z.string(),
      /** single-file, mdbook, gitbook, vitepress, docusaurus, review, numbered-folder, folder. */
      format: z.string(),
      language: z.string(),
      /** Parts in reading order (empty when the book has none). Added with parts; additive. */
      parts: z.array(uploadPartSchema),
      chapters: z.array(uploadChapterSchema),
      sections: z.number().int(),
      units: z.number().int(),
      /** Local images and diagrams (Mermaid, SVG fences) the run will render to PNG. */
      figures: z.number().int(),
    }),
    /** What a run of this book will cost in steps, before it starts. */
    plannedSteps: plannedStepsSchema,
    /** Things the split noticed (e.g. files missing from the table of contents). */
    warnings: z.array(z.unknown()),
  })
  .meta({ id: "Upload" });

export type CreatedUpload = z.infer<typeof createdUploadSchema>;

export const uploadInfoSchema = z.object({
  id: z.string(),
  bytes: z.number().int(),
  uploadedAt: z.number(),
  name: z.string().optional(),
  sha256: z.string().optional(),
  kind: uploadKindSchema.optional(),
});

export const deletedUploadSchema = z.object({ id: z.string(), deleted: z.literal(true) });
