/**
 * A step's output schema as JSON Schema (zod's own conversion), for clients that build an
 * editor from it and check an edit before sending it. The server still checks every edit with
 * the zod schema itself (catalog.ts), including refinements JSON Schema cannot express (the
 * storyboard's layout rules). Converted once per pipeline and handler.
 */
import { z } from "zod";
import { findPipeline } from "./registry";

const cache = new Map<string, Record<string, unknown> | null>();

export function stepOutputJsonSchema(
  env: Env,
  pipeline: string,
  handler: string,
): Record<string, unknown> | null {
  const key = `${pipeline}\u0000${handler}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const steps = findPipeline(env, pipeline)?.handlers;
  const step = steps && Object.hasOwn(steps, handler) ? steps[handler] : undefined;
  let schema: Record<string, unknown> | null = null;
  if (step) {
    try {
      // The input side: what an edit may send (defaults may be left out); refinements and
      // transforms have no JSON Schema form and are left to the server's check.
      schema = z.toJSONSchema(step.output, { io: "input", unrepresentable: "any" }) as Record<
        string,
        unknown
      >;
    } catch (err) {
      // A schema zod cannot convert (a cycle, say): clients fall back to editing JSON.
      console.warn(
        JSON.stringify({
          level: "warn",
          msg: "no JSON Schema for step output",
          pipeline,
          handler,
          error: String(err),
        }),
      );
    }
  }
  cache.set(key, schema);
  return schema;
}
