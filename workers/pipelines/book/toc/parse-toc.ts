/**
 * Tables of contents: mdBook `src/SUMMARY.md`, GitBook / Honkit `SUMMARY.md`, or a README that
 * is a list of links. Nested list items become child entries; mdBook's prefix/suffix chapters
 * (links outside any list) are top-level entries. Headings after the title (`# Part` in mdBook,
 * `## Part` / `### Part` in GitBook) start a part: `parseTocGroups` keeps them, `parseToc`
 * flattens them away. Separators (`---`) are ignored.
 */
import type { List, ListItem, Node, Parent, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { parseMarkdown } from "../../../media/markdown/parse-markdown.ts";
import { dirname, resolveBookPath } from "../book-path.ts";

export interface TocEntry {
  title: string;
  /** Book-relative path, or undefined for a draft entry (`- [Title]()`) or an external link. */
  path?: string;
  /** mdBook's draft chapter: a link with an empty target, listed but not written yet. */
  draft?: true;
  children: TocEntry[];
}

/** Entries under one part heading; `title` is absent for entries before the first part. */
export interface TocGroup {
  title?: string;
  entries: TocEntry[];
}

interface LinkNode extends Node {
  type: "link";
  url: string;
}

/** Book text files a table of contents may point at. */
export const BOOK_TEXT = /\.(md|markdown|mdx)$/i;

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
  const title = (link ? toString(link) : lead ? toString(lead) : "").trim();
  if (!link && children.length === 0) {
    // A plain-text item with no children is a label, not a chapter.
    return undefined;
  }
  const entry: TocEntry = { title, children };
  if (link && link.url === "") entry.draft = true;
  const target = link && link.url !== "" ? resolveBookPath(fromDir, link.url) : null;
  if (target && BOOK_TEXT.test(target.path)) entry.path = target.path;
  return entry;
}

function entriesFromList(list: List, fromDir: string): TocEntry[] {
  return list.children.flatMap((item) => entryFromItem(item, fromDir) ?? []);
}

/**
 * The entries of a table of contents grouped by part headings. The first heading, when no entry
 * comes before it, is the table's own title ("# Summary", a README's book title) and is skipped.
 *
 * @example
 * parseTocGroups("# Summary\n\n# Basics\n\n- [Intro](intro.md)\n", "src/SUMMARY.md");
 * // [{ title: "Basics", entries: [{ title: "Intro", path: "src/intro.md", children: [] }] }]
 */
export function parseTocGroups(text: string, tocPath: string, options: { root?: Root } = {}): TocGroup[] {
  const root = options.root ?? parseMarkdown(text);
  const fromDir = dirname(tocPath);
  const groups: TocGroup[] = [{ entries: [] }];
  let seenHeading = false;
  for (const node of root.children) {
    const current = groups.at(-1) ?? { entries: [] };
    if (node.type === "heading") {
      const title = toString(node).trim();
      // The first heading before any entry is the table's title ("# Summary"), as mdBook and
      // GitBook both read it; every later heading starts a part.
      const isTitle = !seenHeading && groups.length === 1 && current.entries.length === 0;
      seenHeading = true;
      if (!isTitle && title !== "") groups.push({ title, entries: [] });
    } else if (node.type === "list") current.entries.push(...entriesFromList(node, fromDir));
    else if (node.type === "paragraph") {
      const link = firstLink(node);
      const target = link ? resolveBookPath(fromDir, link.url) : null;
      if (link && target && BOOK_TEXT.test(target.path)) {
        const entry = { title: toString(link).trim(), path: target.path, children: [] };
        // mdBook's suffix chapters (links outside a list) are unnumbered and in no part.
        if (current.title === undefined) current.entries.push(entry);
        else groups.push({ entries: [entry] });
      }
    }
  }
  return groups.filter((group) => group.title !== undefined || group.entries.length > 0);
}

/**
 * Every entry of a table of contents, parts flattened away.
 *
 * @example
 * parseToc("- [Intro](intro.md)\n  - [Part](part.md)\n", "src/SUMMARY.md");
 * // [{ title: "Intro", path: "src/intro.md", children: [{ title: "Part", path: "src/part.md", children: [] }] }]
 */
export function parseToc(text: string, tocPath: string, root: Root = parseMarkdown(text)): TocEntry[] {
  return parseTocGroups(text, tocPath, { root }).flatMap((group) => group.entries);
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
