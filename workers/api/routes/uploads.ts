/**
 * /v1/uploads — a book's source: one Markdown file or a zip (mdBook, GitBook, numbered folder),
 * sent as the raw body or as multipart form data (field `file`). The upload is read and split
 * before anything is stored, so a bad one is a clear 4xx and leaves nothing behind; the answer
 * describes the book that was found (parts, chapters, sections, units, figures, warnings such as
 * missing TOC entries) and the steps a run of it will plan, so a user sees the cost first.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { recordAudit } from "../../audit";
import { createdUploadSchema, deletedUploadSchema, uploadInfoSchema } from "../../protocol/uploads";
import { sha256Hex } from "../../crypto/sha256";
import { readBookInput } from "../../pipelines/book/input/read-book-input";
import { defaultBookLimits } from "../../pipelines/book/limits";
import { storedBookTitle } from "../../pipelines/book/run-title";
import { splitBook } from "../../pipelines/book/split/split-book";
import { plannedSteps } from "../../pipelines/book/steps/planned-steps";
import { bookStructure } from "../views/book-structure";
import { sanitizeUploadName } from "../../uploads/upload-name";
import { getUpload, isUploadId, newUploadId, putUpload, uploadKey } from "../../uploads/upload-store";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { validate } from "../validate";

const idParam = z.object({ id: z.string().refine(isUploadId, "not an upload id") });

function tooLarge(): never {
  throw new ApiError(413, "too_large", `Uploads are limited to ${defaultBookLimits.maxInputBytes} bytes`, {
    limit: defaultBookLimits.maxInputBytes,
  });
}

/**
 * Bytes and file name from a raw body (name from `?name=`) or a multipart `file` field. The name
 * is stored sanitised (upload-name.ts).
 */
async function readUploadBody(req: Request, url: URL): Promise<{ bytes: Uint8Array; name: string }> {
  const type = req.headers.get("Content-Type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await req.formData().catch(() => {
      throw new ApiError(400, "invalid_form", "The multipart body could not be read");
    });
    const file = form.get("file");
    if (!file || typeof file === "string") {
      throw new ApiError(400, "validation_failed", "Send the book as the form field `file`", {
        issues: [{ path: "file", message: "required: a file", code: "invalid_type" }],
      });
    }
    return {
      bytes: new Uint8Array(await file.arrayBuffer()),
      name: sanitizeUploadName(file.name, "book.md"),
    };
  }
  const name = sanitizeUploadName(
    url.searchParams.get("name") ?? "",
    type.includes("zip") ? "book.zip" : "book.md",
  );
  return { bytes: new Uint8Array(await req.arrayBuffer()), name };
}

export const uploadRoutes = new Hono<AppEnv>()
  .post(
    "/",
    bodyLimit({ maxSize: defaultBookLimits.maxInputBytes, onError: () => tooLarge() }),
    async (c) => {
      const { bytes, name } = await readUploadBody(c.req.raw, new URL(c.req.url));
      const upload = readBookInput(bytes, { name });
      const book = splitBook(upload);
      const auth = c.get("auth");
      const id = newUploadId();
      const sha256 = await sha256Hex(bytes);
      await putUpload(c.env.BUCKET, auth.tenantId, id, bytes, {
        name,
        sha256,
        kind: upload.kind,
        title: storedBookTitle(book.title),
      });
      await recordAudit(c.get("db"), {
        tenantId: auth.tenantId,
        apiKeyId: auth.apiKeyId,
        action: "upload.create",
        target: id,
        requestId: c.get("requestId"),
        details: { name, bytes: bytes.byteLength },
      });
      return c.json(
        createdUploadSchema.parse({
          id,
          name,
          bytes: bytes.byteLength,
          sha256,
          kind: upload.kind,
          book: bookStructure(book),
          plannedSteps: plannedSteps(book),
          warnings: book.warnings,
        }),
        201,
      );
    },
  )
  .get("/:id", validate("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    const head = await c.env.BUCKET.head(uploadKey(c.get("auth").tenantId, id));
    if (!head) throw new ApiError(404, "not_found", "No upload with this id", { id });
    return c.json(
      uploadInfoSchema.parse({
        id,
        bytes: head.size,
        uploadedAt: head.uploaded.getTime(),
        ...head.customMetadata,
      }),
    );
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    const tenantId = c.get("auth").tenantId;
    if (!(await getUpload(c.env.BUCKET, tenantId, id)))
      throw new ApiError(404, "not_found", "No upload with this id", { id });
    await c.env.BUCKET.delete(uploadKey(tenantId, id));
    return c.json(deletedUploadSchema.parse({ id, deleted: true }));
  });
