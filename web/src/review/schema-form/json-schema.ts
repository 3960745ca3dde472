/**
 * The logic of the schema-driven editor, without React: which control a JSON Schema node gets,
 * an empty value for a new array item, reading and writing a value at a path, and checking a
 * value against the schema with zod (`z.fromJSONSchema`, the same schema the server sends),
 * the problems keyed by path. Shapes without a plain control (unions, maps, tuples) are edited
 * as JSON in place.
 */
import { z } from "zod";

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  [key: string]: unknown;
};

export type Path = (string | number)[];
export type FieldKind = "object" | "array" | "string" | "number" | "integer" | "boolean" | "enum" | "json";

/** Follows a local `$ref` (`#/$defs/…`, `#/definitions/…`) against the root schema. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 20; hops++) {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(current.$ref);
    const target = match
      ? root[match[1] as "$defs" | "definitions"]?.[decodeURIComponent(match[2]!)]
      : undefined;
    if (!target) return {};
    current = target;
  }
  return current;
}

export function kindOf(schema: JsonSchema): FieldKind {
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string")) return "enum";
  const type = schema.type;
  if (type === "object" && schema.properties && !hasOtherKeys(schema)) return "object";
  if (type === "array" && schema.items && !Array.isArray(schema.items)) return "array";
  if (type === "string" || type === "number" || type === "integer" || type === "boolean") return type;
  return "json";
}

/** An object with arbitrary extra keys (a map) has no fixed set of fields: JSON it is. */
function hasOtherKeys(schema: JsonSchema): boolean {
  const extra = schema.additionalProperties;
  return extra !== undefined && extra !== false;
}

/** What a new item starts as: required fields filled with their own empty values. */
export function emptyValue(schema: JsonSchema, root: JsonSchema): unknown {
  const s = resolve(schema, root);
  if (s.default !== undefined) return s.default;
  switch (kindOf(s)) {
    case "object":
      return Object.fromEntries(
        (s.required ?? []).map((key) => [key, emptyValue(s.properties![key] ?? {}, root)]),
      );
    case "array":
      return [];
    case "string":
      return "";
    case "number":
    case "integer":
      return s.minimum ?? 0;
    case "boolean":
      return false;
    case "enum":
      return s.enum![0];
    case "json":
      return null;
  }
}

export function getAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** A copy of `value` with `next` at `path` (copies only along the path). `undefined` removes a key. */
export function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [key, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[key as number] = setAt(copy[key as number], rest, next);
    return copy;
  }
  const object = value !== null && typeof value === "object" ? { ...(value as Record<string, unknown>) } : {};
  const child = setAt(object[key as string], rest, next);
  if (child === undefined) delete object[key as string];
  else object[key as string] = child;
  return object;
}

/** A copy of the array at `path` without item `index`. */
export function removeAt(value: unknown, path: Path, index: number): unknown {
  const list = getAt(value, path);
  return Array.isArray(list)
    ? setAt(
        value,
        path,
        list.filter((_, i) => i !== index),
      )
    : value;
}

export function pathKey(path: Path): string {
  return path.length === 0 ? "(root)" : path.join(".");
}

export type Problems = Map<string, string[]>;

/**
 * A checker for values of `schema`, built once: zod's own reading of the JSON Schema. Null when
 * zod cannot read it; the server's check still applies then.
 */
export function checkerFor(schema: JsonSchema): ((value: unknown) => Problems) | null {
  let parser: z.ZodType;
  try {
    parser = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    return null; // Not readable by zod: no client-side check (said above).
  }
  return (value) => {
    const problems: Problems = new Map();
    const result = parser.safeParse(value);
    if (!result.success)
      for (const issue of result.error.issues) {
        const key = pathKey(issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)));
        problems.set(key, [...(problems.get(key) ?? []), issue.message]);
      }
    return problems;
  };
}
