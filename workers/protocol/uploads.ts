/** /v1/uploads: a book's source (Markdown or zip), read and split before it is stored. */
import { z } from "zod";

export const UPLOAD_ID_PATTERN = /^up_[0-9a-f]{32}$/;
export const uploadIdParamSchema = z.object({
  id: z.string().regex(UPLOAD_ID_PATTERN, "not an upload id"),
});

export const uploadKindSchema = z.enum(["file", "zip"]);

export const createdUploadSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
    kind: uploadKindSchema,
    book: z.object({
      title: z.string(),
      format: z.string(),
      language: z.string(),
      chapters: z.array(z.object({ id: z.string(), title: z.string(), sections: z.number().int() })),
      sections: z.number().int(),
      units: z.number().int(),
    }),
    /** Things the split noticed (e.g. files missing from the table of contents). */
    warnings: z.array(z.unknown()),
  })
  .meta({ id: "Upload" });

export const uploadInfoSchema = z.object({
  id: z.string(),
  bytes: z.number().int(),
  uploadedAt: z.number(),
  name: z.string().optional(),
  sha256: z.string().optional(),
  kind: uploadKindSchema.optional(),
});

export const deletedUploadSchema = z.object({ id: z.string(), deleted: z.literal(true) });
