/**
 * Template directives, resolved the way the book's own tool would before a reader sees the page:
 * - mdBook `{{#include path}}`, `{{#rustdoc_include path}}`, `{{#playground path}}` with an
 *   optional `:anchor`, `:line`, `:start:end` (either side may be empty), against the book's own
 *   files, nested up to `maxIncludeDepth` and adding at most `maxIncludeBytes`.
 * - GitBook `{{ book.name }}` variables, from `book.json` `variables` when defined.
 * Anything that cannot be resolved is left as written and reported as a warning, so the
 * reader-visible text never silently loses content.
 */
import type { BookWarning } from "../book-model.ts";
import { dirname, resolveBookPath } from "../book-path.ts";
import type { BookLimits } from "../limits.ts";

export interface DirectiveContext {
  /** Book-relative path of the file the text comes from. */
  path: string;
  /** Reads another file of the upload as text, or undefined when missing or not text. */
  readFile: (path: string) => string | undefined;
  variables: Record<string, string>;
  limits: Pick<BookLimits, "maxIncludeDepth" | "maxIncludeBytes">;
}

const INCLUDE = /\{\{\s*#(include|rustdoc_include|playground)\s+([^}\s]+)\s*\}\}/g;
const VARIABLE = /\{\{\s*book\.([A-Za-z0-9_.-]+)\s*\}\}/g;
const ANCHOR_LINE = /ANCHOR(?:_END)?:\s*[\w-]+/;

function selectLines(content: string, selector: string | undefined): string | undefined {
  if (selector === undefined || selector === "") return content;
  const lines = content.split("\n");
  const range = /^(\d*):?(\d*)$/.exec(selector);
  if (range && selector !== "") {
    const [, from = "", to = ""] = range;
    const single = !selector.includes(":");
    const first = from === "" ? 0 : Number(from) - 1;
    const last = single ? first + 1 : to === "" ? lines.length : Number(to);
    return lines.slice(first, last).join("\n");
  }
  // The anchor name comes from the book's text: escape it before it becomes a pattern.
  const name = selector.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const opening = new RegExp(`ANCHOR:\\s*${name}\\b`);
  const closing = new RegExp(`ANCHOR_END:\\s*${name}\\b`);
  const begin = lines.findIndex((line) => opening.test(line));
  if (begin === -1) return undefined;
  const end = lines.findIndex((line, i) => i > begin && closing.test(line));
  return lines
    .slice(begin + 1, end === -1 ? lines.length : end)
    .filter((line) => !ANCHOR_LINE.test(line))
    .join("\n");
}

/**
 * @example
 * resolveDirectives("{{#include ../listings/a.rs:2:4}}", ctx).text; // lines 2-4 of a.rs
 */
export function resolveDirectives(
  text: string,
  context: DirectiveContext,
  depth = 0,
  budget = { bytes: context.limits.maxIncludeBytes },
): { text: string; warnings: BookWarning[] } {
  const warnings: BookWarning[] = [];
  const withIncludes = text.replace(INCLUDE, (whole: string, kind: string, target: string) => {
    const [file = "", ...rest] = target.split(":");
    const selector = rest.length === 0 ? undefined : rest.join(":");
    const resolved = resolveBookPath(dirname(context.path), file);
    const content = resolved ? context.readFile(resolved.path) : undefined;
    const warn = (code: BookWarning["code"], message: string): string => {
      warnings.push({ code, message, path: context.path, detail: whole });
      return whole;
    };
    if (content === undefined) return warn("include_missing", `${kind} target ${file} is not in the upload`);
    if (depth >= context.limits.maxIncludeDepth) {
      return warn("include_too_deep", `${kind} nesting deeper than ${context.limits.maxIncludeDepth}`);
    }
    const selected = selectLines(content, selector);
    if (selected === undefined) return warn("include_missing", `anchor ${selector} not found in ${file}`);
    if (selected.length > budget.bytes)
      return warn("include_too_large", `${kind} would add more than allowed`);
    budget.bytes -= selected.length;
    const nested = resolveDirectives(
      selected,
      { ...context, path: resolved?.path ?? context.path },
      depth + 1,
      budget,
    );
    warnings.push(...nested.warnings);
    return nested.text.replace(/\n$/, "");
  });
  const withVariables = withIncludes.replace(
    VARIABLE,
    (whole: string, name: string) => context.variables[name] ?? whole,
  );
  return { text: withVariables, warnings };
}
