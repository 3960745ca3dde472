/**
 * Which files make the book, in which order, grouped into chapters — before any splitting.
 * Order of preference: a table of contents (mdBook `src/SUMMARY.md`, GitBook `SUMMARY.md`, a
 * README that is a list of links), then numbered files/folders, then all Markdown files by path.
 * A single Markdown file (or a folder with only one) is split into chapters by its headings.
 */
import type { BookFormat, BookWarning } from "../book-model.ts";
import { dirname } from "../book-path.ts";
import { flattenToc, looksLikeToc, parseToc, type TocEntry } from "./parse-toc.ts";

export interface PlannedChapter {
  title?: string;
  files: string[];
}

export interface BookPlan {
  format: BookFormat;
  root: string;
  tocPath?: string;
  /** Empty for "single-file": chapters then come from the headings of `files[0]`. */
  chapters: PlannedChapter[];
  files: string[];
  warnings: BookWarning[];
}

const MARKDOWN = /\.(md|markdown)$/i;
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function commonRoot(paths: string[]): string {
  const firsts = new Set(paths.map((path) => (path.includes("/") ? path.split("/")[0] : "")));
  const [only] = firsts;
  return firsts.size === 1 && only ? `${only}/` : "";
}

function isIndexFile(path: string): boolean {
  return /^(readme|index)\.(md|markdown)$/i.test(baseName(path));
}

/** README/index first, then natural order ("2-x" before "10-x"). */
function readingOrder(a: string, b: string): number {
  if (dirname(a) === dirname(b) && isIndexFile(a) !== isIndexFile(b)) return isIndexFile(a) ? -1 : 1;
  return collator.compare(a, b);
}

function fromToc(
  entries: TocEntry[],
  exists: (path: string) => boolean,
  warnings: BookWarning[],
): PlannedChapter[] {
  const seen = new Set<string>();
  const chapters: PlannedChapter[] = [];
  for (const top of entries) {
    const files: string[] = [];
    for (const entry of flattenToc([top])) {
      if (entry.path === undefined) continue;
      if (!exists(entry.path)) {
        warnings.push({
          code: "toc_missing_file",
          message: `"${entry.title}" points at ${entry.path}, which is not in the upload`,
          path: entry.path,
        });
      } else if (seen.has(entry.path)) {
        warnings.push({
          code: "toc_duplicate_file",
          message: `${entry.path} is listed twice`,
          path: entry.path,
        });
      } else {
        seen.add(entry.path);
        files.push(entry.path);
      }
    }
    if (files.length > 0) chapters.push({ title: top.title, files });
  }
  return chapters;
}

function numberedOrFolder(
  markdown: string[],
  root: string,
): { format: BookFormat; chapters: PlannedChapter[] } {
  const groups = new Map<string, string[]>();
  for (const path of [...markdown].sort(readingOrder)) {
    const rest = path.slice(root.length);
    const key = rest.includes("/") ? rest.slice(0, rest.indexOf("/")) : rest;
    groups.set(key, [...(groups.get(key) ?? []), path]);
  }
  const keys = [...groups.keys()];
  const numbered = keys.filter((key) => /^\d+/.test(key)).length;
  const ordered = keys.sort((a, b) => {
    if (isIndexFile(a) !== isIndexFile(b)) return isIndexFile(a) ? -1 : 1;
    return collator.compare(a, b);
  });
  return {
    format: numbered >= Math.max(2, keys.length / 2) ? "numbered-folder" : "folder",
    chapters: ordered.map((key) => ({ files: groups.get(key) ?? [] })),
  };
}

/**
 * @param paths every file path of the upload (Markdown and assets)
 * @param readText reads a file as text (undefined when it is not text)
 * @param kind "file" for a single uploaded file, which is always split by its headings
 */
export function planBook(
  paths: string[],
  readText: (path: string) => string | undefined,
  kind: "file" | "zip" = "zip",
): BookPlan {
  const warnings: BookWarning[] = [];
  const markdown = paths.filter((path) => MARKDOWN.test(path));
  const known = new Set(paths);
  const exists = (path: string) => known.has(path);
  const summaries = markdown
    .filter((path) => /^summary\.md$/i.test(baseName(path)))
    .sort((a, b) => a.split("/").length - b.split("/").length);
  // A lone SUMMARY.md in a zip is still a table of contents (whose files are all missing).
  if (kind === "file" || (markdown.length === 1 && summaries.length === 0)) {
    const only = markdown[0] ?? paths[0] ?? "";
    return { format: "single-file", root: dirname(only), chapters: [], files: [only], warnings };
  }
  const root = commonRoot(paths);
  const readme = markdown.find((path) => path.slice(root.length).match(/^readme\.md$/i));
  let tocPath = summaries[0];
  let format: BookFormat = "gitbook";
  if (tocPath && /(^|\/)src\/summary\.md$/i.test(tocPath)) format = "mdbook";
  if (!tocPath && readme && looksLikeToc(readText(readme) ?? "", readme)) tocPath = readme;
  if (tocPath) {
    const chapters = fromToc(parseToc(readText(tocPath) ?? "", tocPath), exists, warnings);
    const bookRoot = format === "mdbook" ? dirname(dirname(tocPath)) : dirname(tocPath);
    const files = chapters.flatMap((chapter) => chapter.files);
    const listed = new Set([...files, tocPath]);
    // Files outside the table of contents are not part of the book (mdBook and GitBook agree);
    // say so, since an author may have forgotten an entry. Capped: some repos hold hundreds.
    const unlisted = markdown.filter((path) => !listed.has(path) && path.startsWith(bookRoot));
    for (const path of unlisted.slice(0, 50)) {
      warnings.push({
        code: "unlisted_markdown",
        message: `${path} is not in ${tocPath} and was left out`,
        path,
      });
    }
    return { format, root: bookRoot, tocPath, chapters, files, warnings };
  }
  const planned = numberedOrFolder(markdown, root);
  return {
    ...planned,
    root: root.replace(/\/$/, ""),
    files: planned.chapters.flatMap((chapter) => chapter.files),
    warnings,
  };
}
