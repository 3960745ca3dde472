/**
 * Why an image or diagram could not become a PNG. Callers turn these into warning artifacts:
 * one bad figure never fails a book.
 */
export type MediaErrorCode =
  | "svg_invalid"
  | "svg_too_large"
  | "image_unsupported"
  | "image_too_large"
  | "mermaid_invalid"
  | "drawio_unrendered";

export class MediaError extends Error {
  override readonly name = "MediaError";
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
