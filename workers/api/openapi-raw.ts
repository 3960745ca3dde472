/**
 * `raw()` for non-JSON responses, apart from openapi.ts: the docs routes (docs.ts, built with
 * every app) need only this, and openapi.ts imports the error body's zod schema
 * (workers/protocol/errors.ts), which would otherwise be built at every isolate's start-up
 * (issue 16, cold start). Route modules keep importing it from openapi.ts.
 */

/** A response whose body is not JSON (bytes, a stream); handlers return a plain Response. */
export function raw(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: { type: "string" as const, format: "binary" } } } };
}
