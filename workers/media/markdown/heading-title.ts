/**
 * Heading text as a reader sees it, plus its explicit id: mdBook/Pandoc/kramdown allow
 * `## Title {#custom-id}`, which is an anchor, not part of the title.
 */
import type { Heading } from "mdast";
import { toString } from "mdast-util-to-string";

const HEADING_ID = /\s*\{#([A-Za-z0-9_:.-]+)\}\s*$/u;

/**
 * @example
 * headingTitle(heading); // { title: "Ownership Rules", anchor: "rules" } for "### Ownership Rules {#rules}"
 */
export function headingTitle(heading: Heading): { title: string; anchor?: string } {
  const raw = toString(heading).trim();
  const match = HEADING_ID.exec(raw);
  if (!match) return { title: raw };
  return { title: raw.slice(0, match.index).trim(), anchor: match[1] };
}
