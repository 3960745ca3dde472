/**
 * Tables of contents: mdBook `src/SUMMARY.md`, GitBook `SUMMARY.md`, or a README that is a
 * list of links. Nested list items become child entries; mdBook's prefix/suffix chapters
 * (links outside any list) are top-level entries; part titles and separators are ignored.
 */
import type { List, ListItem, Node, Parent, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { parseMarkdown } from "../../../media/markdown/parse-markdown.ts";
import { dirname, resolveBookPath } from "../book-path.ts";

export interface TocEntry {
  title: string;
  /** Book-relative path, or undefined for a draft entry (`- [Title]()`) or an external link. */
  path?: string;
  children: TocEntry[];
}

interface LinkNode extends Node {
  type: "link";
  url: string;
}

function firstLink(node: Node): LinkNode | undefined {
  if (node.type === "link") return node as LinkNode;
  for (const child of (node as Parent).children ?? []) {
    const found = firstLink(child);
    if (found) return found;
  }
  return undefined;
}

function entryFromItem(item: ListItem, fromDir: string): TocEntry | undefined {
  const lead = item.children.find((child) => child.type === "paragraph");
  const link = lead ? firstLink(lead) : undefined;
  const children = item.children
    .filter((child): child is List => child.type === "list")
    .flatMap((list) => entriesFromList(list, fromDir));
  if (!link && children.length === 0) return undefined;
  const title = (link ? toString(link) : lead ? toString(lead) : "").trim();
  const target = link && link.url !== "" ? resolveBookPath(fromDir, link.url) : null;
  const entry: TocEntry = { title, children };
  if (target && /\.(md|markdown)$/i.test(target.path)) entry.path = target.path;
  return entry;
}

function entriesFromList(list: List, fromDir: string): TocEntry[] {
  return list.children.flatMap((item) => entryFromItem(item, fromDir) ?? []);
}

/**
 * @example
 * parseToc("- [Intro](intro.md)\n  - [Part](part.md)\n", "src/SUMMARY.md");
 * // [{ title: "Intro", path: "src/intro.md", children: [{ title: "Part", path: "src/part.md", children: [] }] }]
 */
export function parseToc(text: string, tocPath: string, root: Root = parseMarkdown(text)): TocEntry[] {
  const fromDir = dirname(tocPath);
  const entries: TocEntry[] = [];
  for (const node of root.children) {
    if (node.type === "list") entries.push(...entriesFromList(node, fromDir));
    else if (node.type === "paragraph") {
      const link = firstLink(node);
      const target = link ? resolveBookPath(fromDir, link.url) : null;
      if (link && target && /\.(md|markdown)$/i.test(target.path)) {
        entries.push({ title: toString(link).trim(), path: target.path, children: [] });
      }
    }
  }
  return entries;
}

/** Every entry in reading order (depth first). */
export function flattenToc(entries: TocEntry[]): TocEntry[] {
  return entries.flatMap((entry) => [entry, ...flattenToc(entry.children)]);
}

/**
 * True when a README is really a table of contents: its lists hold at least three links to
 * local Markdown files and they are most of its list items (GitBook books without SUMMARY.md).
 */
export function looksLikeToc(text: string, path: string): boolean {
  const entries = flattenToc(parseToc(text, path));
  const linked = entries.filter((entry) => entry.path !== undefined).length;
  return linked >= 3 && linked >= entries.length * 0.6;
}
