/**
 * The engine's one error type. Graph rules throw it for requests that cannot apply (bad graph,
 * unknown gate, wrong state); the run object turns it into an RPC result at one place, and the
 * API into `{ error: { code, message, details } }` with `status`.
 */
export type EngineErrorStatus = 400 | 404 | 409 | 413;

export class EngineError extends Error {
  override readonly name = "EngineError";
  constructor(
    readonly status: EngineErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
