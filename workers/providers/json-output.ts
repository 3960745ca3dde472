/**
 * JSON output: the instruction given to providers without a native JSON mode, and parsing a
 * model's answer against the caller's zod schema (tolerating a ```json fence around it).
 */
import { z } from "zod";

export function jsonInstruction(schema: Record<string, unknown> | undefined): string {
  return schema
    ? `Answer with one JSON object only, no prose, valid against this JSON Schema:\n${JSON.stringify(schema)}`
    : "Answer with one JSON object only, no prose.";
}

export type JsonParse<T> =
  { ok: true; value: T } | { ok: false; issues: { path: string; message: string }[] };

export function parseJsonOutput<T>(text: string, schema: z.ZodType<T> | undefined): JsonParse<T> {
  const trimmed = text
    .trim()
    .replace(/^```(?:json)?\s*/i, "")
    .replace(/\s*```$/, "");
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (err) {
    return {
      ok: false,
      issues: [{ path: "(root)", message: `not JSON: ${err instanceof Error ? err.message : String(err)}` }],
    };
  }
  if (!schema) {
    return typeof parsed === "object" && parsed !== null
      ? { ok: true, value: parsed as T }
      : { ok: false, issues: [{ path: "(root)", message: "expected a JSON object" }] };
  }
  const result = schema.safeParse(parsed);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({
      path: i.path.map(String).join(".") || "(root)",
      message: i.message,
    })),
  };
}

/** The JSON Schema handed to providers (and the offline generator) for a zod schema. */
export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { unrepresentable: "any" }) as Record<string, unknown>;
}
