/**
 * A table of contents (any layout's, as `TocGroup`s) → parts and one chapter per listed file.
 *
 * - A titled group (a part heading in SUMMARY.md, a Re:VIEW part) is a part; its top-level
 *   entries are chapters, deeper entries sub-chapters.
 * - In an untitled group, `topLevelParts` (GitBook / Honkit, VitePress, Docusaurus) makes a
 *   top-level entry with children a part: its own file, if it links one, is the part's first
 *   chapter, its children are chapters. mdBook keeps nesting as chapter → sub-chapter: its parts
 *   are only the `# Part` titles.
 * - A draft entry (`- [Title]()`) has no file: it is reported and its children take its place.
 */
import type { BookWarning } from "../book-model.ts";
import type { TocEntry, TocGroup } from "./parse-toc.ts";
import type { PlannedChapter, PlannedPart } from "./plan-types.ts";

export interface TocPlan {
  parts: PlannedPart[];
  chapters: PlannedChapter[];
}

/**
 * @example
 * planFromToc([{ entries: [{ title: "Part I", children: [{ title: "A", path: "a.md", children: [] }] }] }],
 *   { topLevelParts: true, exists: () => true, warnings: [] });
 * // { parts: [{ title: "Part I" }], chapters: [{ title: "A", files: ["a.md"], part: 0, depth: 1 }] }
 */
export function planFromToc(
  groups: TocGroup[],
  options: { topLevelParts: boolean; exists: (path: string) => boolean; warnings: BookWarning[] },
): TocPlan {
  const { exists, warnings } = options;
  const parts: PlannedPart[] = [];
  const chapters: PlannedChapter[] = [];
  const seen = new Set<string>();

  /** Adds `entry` (and its children below it); returns its chapter index, if it has one. */
  const add = (entry: TocEntry, depth: number, part: number | undefined, parent: number | undefined) => {
    let own: number | undefined;
    if (entry.path === undefined) {
      if (entry.draft) {
        warnings.push({
          code: "toc_draft_chapter",
          message: `"${entry.title}" is a draft chapter (no file yet) and was left out`,
        });
      }
    } else if (!exists(entry.path)) {
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
      own = chapters.length;
      chapters.push({
        ...(entry.title ? { title: entry.title } : {}),
        files: [entry.path],
        ...(part === undefined ? {} : { part }),
        ...(parent === undefined ? {} : { parent }),
        depth,
      });
    }
    // Children of an entry without a file (a draft, a label) stand in its place.
    const childDepth = own === undefined ? depth : depth + 1;
    for (const child of entry.children) add(child, childDepth, part, own ?? parent);
  };

  for (const group of groups) {
    if (group.title !== undefined) {
      const part = parts.push({ title: group.title }) - 1;
      for (const entry of group.entries) add(entry, 1, part, undefined);
      continue;
    }
    for (const entry of group.entries) {
      if (options.topLevelParts && entry.children.length > 0) {
        const part = parts.push({ title: entry.title }) - 1;
        // The part's own page (its README) opens the part as a chapter of its own.
        add({ ...entry, children: [] }, 1, part, undefined);
        for (const child of entry.children) add(child, 1, part, undefined);
      } else add(entry, 1, undefined, undefined);
    }
  }
  // A part whose every entry was missing or a draft is no part of the book.
  const used = new Set(chapters.flatMap((chapter) => (chapter.part === undefined ? [] : [chapter.part])));
  const renumber = new Map<number, number>();
  const kept = parts.filter((_, index) => {
    if (!used.has(index)) return false;
    renumber.set(index, renumber.size);
    return true;
  });
  for (const chapter of chapters) if (chapter.part !== undefined) chapter.part = renumber.get(chapter.part);
  return { parts: kept, chapters };
}
