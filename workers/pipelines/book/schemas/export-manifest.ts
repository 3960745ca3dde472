/**
 * manifest.json at the root of export.zip: the units in reading order with their ids and
 * titles, every file with its type and size, and what it cost to make.
 */
import { z } from "zod";
import { bookFormatSchema } from "./book-model-schema.ts";
import { unitIdSchema } from "./provenance.ts";

export const EXPORT_MANIFEST_VERSION = 1;

const fileKind = z.enum([
  "source",
  "article",
  "script",
  "script_json",
  "structure",
  "section_article",
  "chapter_article",
  "chapter_metadata",
  "tweets",
  "description",
  "thumbnail",
  "part_article",
  "part_description",
  "image",
  "book_metadata",
  "book_index",
  "book_model",
  "warnings",
]);

export const exportManifestSchema = z.object({
  manifestVersion: z.literal(EXPORT_MANIFEST_VERSION),
  runId: z.string().min(1),
  createdAt: z.iso.datetime(),
  book: z.object({
    title: z.string(),
    format: bookFormatSchema,
    language: z.enum(["ja", "en"]),
  }),
  units: z.array(
    z.object({
      id: unitIdSchema,
      /** The part the unit's chapter belongs to, for books with parts. */
      part: z.object({ id: z.string(), title: z.string() }).optional(),
      chapter: z.object({ id: unitIdSchema, title: z.string() }),
      section: z.object({ id: unitIdSchema, title: z.string() }),
      sourcePath: z.string(),
      /** Export paths of this unit's files. */
      files: z.array(z.string()),
    }),
  ),
  files: z.array(
    z.object({
      path: z.string().min(1),
      kind: fileKind,
      contentType: z.string(),
      bytes: z.number().int().nonnegative(),
      /** The node id of the step that wrote it, for outputs (not for sources and images). */
      nodeId: z.string().optional(),
    }),
  ),
  prompts: z.array(z.object({ id: z.string(), version: z.string(), variant: z.string().optional() })),
  providers: z.array(
    z.object({ provider: z.string(), model: z.string(), steps: z.number().int().nonnegative() }),
  ),
  usage: z.object({
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    costUsd: z.number().nonnegative(),
  }),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), path: z.string().optional() })),
});
export type ExportManifest = z.infer<typeof exportManifestSchema>;
