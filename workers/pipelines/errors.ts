/**
 * Errors in what a client gave a pipeline (its input, an upload it names) that the client can
 * act on. Each carries a stable `code`, the HTTP status it deserves and structured `details`;
 * the API maps it to its error body (workers/api/errors.ts), so pipelines never import the API.
 *
 * @example
 * throw new PipelineInputError(400, "unknown_upload", "No upload up_…", { issues });
 */
export type PipelineInputStatus = 400 | 404 | 409 | 413 | 415 | 422;

export class PipelineInputError extends Error {
  override readonly name: string = "PipelineInputError";
  constructor(
    readonly status: PipelineInputStatus,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
