/**
 * The loop guard's names (loop-guard.ts), apart from the guard itself: the guard parses with
 * acorn and runs in the media Worker (loop-guard-remote.ts), while the harness and the sandbox
 * runner in the main Worker need only these.
 */

/** The guard module every instrumented module imports (see harness.ts). */
export const GUARD_MODULE = "__guard.js";
/** The name of the guard function; generated code may not use names with this prefix. */
export const GUARD_PREFIX = "__tsumugi";

/** A module's path relative to another module's folder ("lib/a.js" → "../__guard.js"). */
export function relativeTo(fromModule: string, target: string): string {
  const depth = fromModule.split("/").length - 1;
  return depth === 0 ? `./${target}` : `${"../".repeat(depth)}${target}`;
}

export class GuardParseError extends Error {
  override readonly name = "SyntaxError";
}
