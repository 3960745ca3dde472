/**
 * The split book as stored in R2 (`book.json`) and read back by later steps: parse it with this
 * schema instead of trusting `JSON.parse`. Mirrors book-model.ts; the type test in
 * test/pipelines/book/schemas keeps the two in step.
 */
import { z } from "zod";
import type { Book } from "../book-model.ts";

export const bookFormatSchema = z.enum([
  "single-file",
  "mdbook",
  "gitbook",
  "vitepress",
  "docusaurus",
  "review",
  "numbered-folder",
  "folder",
]);

const imageRefSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("file"), src: z.string(), path: z.string(), alt: z.string() }),
  z.object({ kind: z.enum(["mermaid", "svg"]), code: z.string(), offset: z.number().int().nonnegative() }),
  z.object({ kind: z.literal("remote"), src: z.string(), alt: z.string() }),
]);

const unitSchema = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  path: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  source: z.string(),
  text: z.string(),
  tokens: z.number().int().nonnegative(),
  blocks: z.array(z.string()),
  images: z.array(imageRefSchema),
  links: z.array(
    z.object({
      href: z.string(),
      path: z.string(),
      fragment: z.string().optional(),
      targetId: z.string().optional(),
    }),
  ),
});

const sectionSchema = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  slug: z.string(),
  title: z.string(),
  anchor: z.string().optional(),
  units: z.array(unitSchema),
});

export const bookSchema = z.object({
  title: z.string(),
  format: bookFormatSchema,
  language: z.enum(["ja", "en"]),
  root: z.string(),
  // Books stored before parts existed have none.
  parts: z
    .array(
      z.object({
        id: z.string(),
        number: z.number().int().positive(),
        slug: z.string(),
        title: z.string(),
        chapterIds: z.array(z.string()),
      }),
    )
    .default([]),
  chapters: z.array(
    z.object({
      id: z.string(),
      number: z.number().int().positive(),
      slug: z.string(),
      title: z.string(),
      partId: z.string().optional(),
      parentId: z.string().optional(),
      depth: z.number().int().positive().default(1),
      files: z.array(z.string()),
      sections: z.array(sectionSchema),
    }),
  ),
  files: z.array(z.object({ path: z.string(), length: z.number().int().nonnegative() })),
  warnings: z.array(
    z.object({
      code: z.string(),
      message: z.string(),
      path: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
});

/** Parses a stored book.json back into the model. */
export function parseStoredBook(json: unknown): Book {
  // The warning codes are a closed union in the model; stored ones came from it.
  return bookSchema.parse(json) as Book;
}
