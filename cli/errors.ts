/**
 * Exit codes a script can rely on, and the one error class the commands throw: it carries its
 * exit code and a sentence saying what to do next, and main.ts prints it and exits with it.
 */
export const EXIT = {
  /** The command worked; for a run: it completed. */
  ok: 0,
  /** The run failed, was cancelled or completed with errors; or the server refused the action. */
  failed: 1,
  /** Wrong arguments, or a request the server rejected as invalid (400, 413, 415). */
  usage: 2,
  /** The server cannot be reached, or it refused the API key (401). */
  unreachable: 3,
  /** The run stopped at its budget (`budget_exhausted`): `tsumugi resume <id> --budget <usd>`. */
  budget: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** What the person can do about it, printed under the message. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
