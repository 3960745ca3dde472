/**
 * Builds a value valid against a JSON Schema (as produced by `z.toJSONSchema`) from sentences of
 * the input: strings take the next sentence in turn, numbers their minimum (or 0), arrays their
 * minimum item count (at least one). Deterministic: the same input and schema give the same value.
 */
type Schema = Record<string, unknown>;

export class SentenceSource {
  private next = 0;
  constructor(private readonly sentences: string[]) {}
  take(): string {
    if (this.sentences.length === 0) return "offline";
    const s = this.sentences[this.next % this.sentences.length] ?? "offline";
    this.next += 1;
    return s;
  }
}

function fitString(s: string, schema: Schema): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  let out = s.length > max ? s.slice(0, max) : s;
  while (out.length < min) out += ` ${s}`.slice(0, min - out.length);
  return out;
}

function stringFor(schema: Schema, source: SentenceSource, label: string): string {
  switch (schema.format) {
    case "email":
      return "offline@example.invalid";
    case "uri":
    case "url":
      return "https://example.invalid/offline";
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
    case "date-time":
      return "2000-01-01T00:00:00.000Z";
    case "date":
      return "2000-01-01";
  }
  return fitString(label + source.take(), schema);
}

export function valueFromSchema(schema: unknown, source: SentenceSource, label = ""): unknown {
  if (typeof schema !== "object" || schema === null) return null;
  const s = schema as Schema;
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const variants = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants)) {
    const nonNull = variants.find((v) => (v as Schema).type !== "null") ?? variants[0];
    return valueFromSchema(nonNull, source, label);
  }
  if (Array.isArray(s.allOf) && s.allOf[0]) return valueFromSchema(s.allOf[0], source, label);
  const type = Array.isArray(s.type)
    ? (s.type.find((t) => t !== "null") as string | undefined)
    : (s.type as string | undefined);
  switch (type) {
    case "string":
      return stringFor(s, source, label);
    case "number":
    case "integer": {
      const min =
        typeof s.minimum === "number"
          ? s.minimum
          : typeof s.exclusiveMinimum === "number"
            ? s.exclusiveMinimum + 1
            : 0;
      return type === "integer" ? Math.ceil(min) : min;
    }
    case "boolean":
      return false;
    case "null":
      return null;
    case "array": {
      const count = Math.max(1, typeof s.minItems === "number" ? s.minItems : 1);
      const max = typeof s.maxItems === "number" ? s.maxItems : count;
      return Array.from({ length: Math.min(count, max) }, () => valueFromSchema(s.items, source, label));
    }
    case "object":
    default: {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(props)) out[key] = valueFromSchema(sub, source, label);
      return out;
    }
  }
}
