/**
 * Re:VIEW projects: `catalog.yml` lists the `.re` files of the book under PREDEF (front
 * matter), CHAPS (chapters; a mapping `- 第1部: [ch01.re, …]` or `- part1.re: [...]` is a
 * part), APPENDIX and POSTDEF (back matter), in that order. Files are relative to the
 * `contentdir` of `config.yml` (default: the catalog's folder).
 */
import { parse as parseYaml } from "yaml";
import { dirname } from "../book-path.ts";
import type { TocEntry, TocGroup } from "./parse-toc.ts";

export const REVIEW_CATALOG = /(^|\/)catalog\.ya?ml$/i;

/** `= Title` (the chapter heading) of a .re file, options and label removed. */
export function reviewChapterTitle(text: string | undefined): string | undefined {
  const match = text ? /^=(?:\[[^\]]*\])?(?:\{[^}]*\})?[ \t]+(.+)$/m.exec(text) : null;
  return match?.[1]?.trim();
}

function contentDir(catalogPath: string, readText: (path: string) => string | undefined): string {
  const dir = dirname(catalogPath);
  const config = readText(dir ? `${dir}/config.yml` : "config.yml");
  const match = config ? /^contentdir:\s*["']?([^"'\s#]+)/m.exec(config) : null;
  const content = match?.[1]?.replace(/^\.\/?/, "").replace(/\/$/, "") ?? "";
  return [dir, content].filter(Boolean).join("/");
}

/**
 * @example
 * readReviewCatalog("catalog.yml", (p) => texts.get(p));
 * // [{ entries: [{ title: "", path: "preface.re", children: [] }] }, { title: "第1部", entries: [...] }]
 */
export function readReviewCatalog(
  catalogPath: string,
  readText: (path: string) => string | undefined,
): { groups: TocGroup[]; root: string } | undefined {
  let catalog: unknown;
  try {
    catalog = parseYaml(readText(catalogPath) ?? "");
  } catch {
    // Not YAML: not a Re:VIEW catalog this reader can use; other layouts are tried.
    return undefined;
  }
  if (!catalog || typeof catalog !== "object") return undefined;
  const root = contentDir(catalogPath, readText);
  const at = (file: string) => (root ? `${root}/${file}` : file);
  const section = (key: string): unknown[] => {
    const value = (catalog as Record<string, unknown>)[key];
    return Array.isArray(value) ? value : [];
  };
  const chapter = (file: unknown): TocEntry[] =>
    typeof file === "string" ? [{ title: "", path: at(file), children: [] }] : [];

  const groups: TocGroup[] = [{ entries: section("PREDEF").flatMap(chapter) }];
  for (const item of section("CHAPS")) {
    if (typeof item === "string") {
      const last = groups.at(-1);
      // Chapters after a part and outside any belong to no part.
      if (last && last.title === undefined) last.entries.push(...chapter(item));
      else groups.push({ entries: chapter(item) });
      continue;
    }
    if (!item || typeof item !== "object") continue;
    for (const [key, files] of Object.entries(item as Record<string, unknown>)) {
      const partFile = /\.re$/i.test(key) ? at(key) : undefined;
      const title = (partFile && reviewChapterTitle(readText(partFile))) || key.replace(/\.re$/i, "");
      const entries = [...(partFile && readText(partFile) !== undefined ? chapter(key) : [])];
      entries.push(...(Array.isArray(files) ? files.flatMap(chapter) : []));
      groups.push({ title, entries });
    }
  }
  groups.push({ entries: [...section("APPENDIX"), ...section("POSTDEF")].flatMap(chapter) });
  if (!groups.some((group) => group.entries.length > 0)) return undefined;
  return { groups, root };
}
