/**
 * A book without a table of contents: Markdown files and folders in natural order ("2-x" before
 * "10-x", README/index first in each folder). A top-level folder holding several files is a part
 * (titled by its README's first heading, else its name without the number), each file in it a
 * chapter; a top-level file, or a folder with one file, is a chapter.
 */
import type { BookFormat } from "../book-model.ts";
import { dirname } from "../book-path.ts";
import type { PlannedChapter, PlannedPart } from "./plan-types.ts";

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function isIndexFile(path: string): boolean {
  return /^(readme|index)\.(md|markdown|mdx)$/i.test(baseName(path));
}

/** README/index first, then natural order ("2-x" before "10-x"). */
export function readingOrder(a: string, b: string): number {
  if (dirname(a) === dirname(b) && isIndexFile(a) !== isIndexFile(b)) return isIndexFile(a) ? -1 : 1;
  return collator.compare(a, b);
}

function folderTitle(
  folder: string,
  index: string | undefined,
  readText: (path: string) => string | undefined,
) {
  const heading = index ? /^#\s+(.+?)\s*#*\s*$/m.exec(readText(index) ?? "")?.[1] : undefined;
  return heading ?? (folder.replace(/^\d+[-_. ]*/, "").replace(/[-_]+/g, " ") || folder);
}

/**
 * @param root the folder the book starts in ("" or "name/")
 */
export function planFolder(
  markdown: string[],
  root: string,
  readText: (path: string) => string | undefined,
): { format: BookFormat; parts: PlannedPart[]; chapters: PlannedChapter[] } {
  const groups = new Map<string, string[]>();
  for (const path of [...markdown].sort(readingOrder)) {
    const rest = path.slice(root.length);
    const key = rest.includes("/") ? rest.slice(0, rest.indexOf("/")) : rest;
    groups.set(key, [...(groups.get(key) ?? []), path]);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    if (isIndexFile(a) !== isIndexFile(b)) return isIndexFile(a) ? -1 : 1;
    return collator.compare(a, b);
  });
  const numbered = keys.filter((key) => /^\d+/.test(key)).length;
  const parts: PlannedPart[] = [];
  const chapters: PlannedChapter[] = [];
  for (const key of keys) {
    const files = groups.get(key) ?? [];
    if (files.length < 2) {
      chapters.push({ files, depth: 1 });
      continue;
    }
    const part = parts.push({ title: folderTitle(key, files.find(isIndexFile), readText) }) - 1;
    for (const file of files) chapters.push({ files: [file], part, depth: 1 });
  }
  return {
    format: numbered >= Math.max(2, keys.length / 2) ? "numbered-folder" : "folder",
    parts,
    chapters,
  };
}
