/**
 * Book-level facts read from the upload: the title (book.toml, book.json, front matter, first
 * heading, file name) and GitBook variables for `{{ book.x }}`.
 */
import { parse as parseYaml } from "yaml";

/** `title = "…"` from an mdBook `book.toml` ([book] table); a full TOML parser is not needed. */
export function titleFromBookToml(text: string | undefined): string | undefined {
  const match = text ? /^\s*title\s*=\s*"((?:[^"\\]|\\.)*)"/m.exec(text) : null;
  return match?.[1];
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    // A broken book.json is the author's problem; the book still splits without its settings.
    return undefined;
  }
}

/** GitBook's `book.json`: its title and its `variables`, flattened to "a.b" keys. */
export function readBookJson(text: string | undefined): {
  title?: string;
  variables: Record<string, string>;
} {
  const json = parseJsonObject(text);
  const variables: Record<string, string> = {};
  const flatten = (value: unknown, prefix: string) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key);
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      variables[prefix] = String(value);
    }
  };
  flatten(json?.variables, "");
  const title = typeof json?.title === "string" ? json.title : undefined;
  return title === undefined ? { variables } : { title, variables };
}

/** `title` from YAML front matter, when it is a string. */
export function titleFromFrontMatter(yaml: string): string | undefined {
  try {
    const data: unknown = parseYaml(yaml);
    const title = data && typeof data === "object" ? (data as Record<string, unknown>).title : undefined;
    return typeof title === "string" ? title : undefined;
  } catch {
    // Invalid front matter stays part of the text; it just gives no title.
    return undefined;
  }
}

/**
 * "ja" when Japanese script is at least a tenth of the letters outside code fences: Japanese
 * technical prose is full of English identifiers, and code blocks are English whatever the book.
 */
export function detectLanguage(sample: string): "ja" | "en" {
  let japanese = 0;
  let letters = 0;
  let fenced = false;
  for (const line of sample.slice(0, 100_000).split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    japanese += line.match(/[\u3040-\u30ff\u4e00-\u9fff]/gu)?.length ?? 0;
    letters += line.match(/\p{L}/gu)?.length ?? 0;
  }
  return letters > 0 && japanese / letters >= 0.1 ? "ja" : "en";
}
