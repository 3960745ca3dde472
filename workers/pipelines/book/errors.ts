/**
 * Errors for book input that a client can act on. Each carries a stable `code`, the HTTP status
 * the API should answer with and structured `details`; the API maps every PipelineInputError to
 * `{ error: { code, message, details } }` without knowing the book pipeline.
 */
import { PipelineInputError } from "../errors.ts";

export type BookInputErrorCode =
  | "empty_input"
  | "binary_input"
  | "too_large"
  | "invalid_zip"
  | "unsupported_zip"
  | "zip_path_traversal"
  | "too_many_files"
  | "compression_bomb"
  | "no_markdown"
  | "unknown_upload";

const statusForCode: Record<BookInputErrorCode, 400 | 413 | 415> = {
  empty_input: 400,
  binary_input: 415,
  too_large: 413,
  invalid_zip: 400,
  unsupported_zip: 415,
  zip_path_traversal: 400,
  too_many_files: 400,
  compression_bomb: 400,
  no_markdown: 400,
  unknown_upload: 400,
};

/**
 * @example
 * throw new BookInputError("too_large", "Upload is 60 MiB; the limit is 50 MiB", { limit, size });
 */
export class BookInputError extends PipelineInputError {
  override readonly name = "BookInputError";
  declare readonly status: 400 | 413 | 415;
  constructor(
    override readonly code: BookInputErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(statusForCode[code], code, message, details, options);
  }
}
