/**
 * Where a book run's outputs live in R2. One tree per run, readable by people (slugs beside the
 * stable ids) and exported as-is into export.zip:
 *
 * ```
 * runs/{runId}/book/
 *   book.json  metadata.json  index.json  warnings.json
 *   images/{sha256}.png                       content-addressed diagrams and figures
 *   pt01-basics/
 *     part.md  part.json                      a part's overview article and description
 *   ch03-ownership/
 *     chapter.md  chapter.json  tweets.json  description.json  thumbnail.png
 *     s02-the-stack/
 *       section.md  structure.json
 *       p05/  source.md  article.md  script.md  script.json
 * runs/{runId}/export.zip                     the tree above plus manifest.json
 * ```
 */

import { runKeys } from "../../storage/run-keys";

export type UnitFile = "source.md" | "article.md" | "script.md" | "script.json";
export type SectionFile = "section.md" | "structure.json";
export type ChapterFile =
  "chapter.md" | "chapter.json" | "tweets.json" | "description.json" | "thumbnail.png";
export type PartFile = "part.md" | "part.json";
export type BookFile = "book.json" | "metadata.json" | "index.json" | "warnings.json";

interface Named {
  id: string;
  slug: string;
}

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const pad = (n: number) => String(n).padStart(2, "0");

function lastPart(id: string, prefix: "pt" | "ch" | "s" | "p"): string {
  const part = id.split("/").pop() ?? "";
  const match = new RegExp(`^${prefix}(\\d+)$`).exec(part);
  if (!match) throw new Error(`"${id}" is not a ${prefix} id`);
  return `${prefix}${pad(Number(match[1]))}`;
}

/**
 * Key builders for one run. Throws on a run id that could change the key's shape.
 *
 * @example
 * const layout = bookOutputLayout("run_123");
 * layout.unitFile({ id: "ch03", slug: "ownership" }, { id: "ch03/s02", slug: "the-stack" }, { id: "ch03/s02/p05" }, "article.md");
 * // "runs/run_123/book/ch03-ownership/s02-the-stack/p05/article.md"
 */
export function bookOutputLayout(runId: string) {
  if (!RUN_ID.test(runId)) throw new Error(`run id "${runId}" is not a safe key segment`);
  const root = runKeys.bookRoot(runId);
  const partDir = (part: Named) => `${root}/${lastPart(part.id, "pt")}-${part.slug}`;
  const chapterDir = (chapter: Named) => `${root}/${lastPart(chapter.id, "ch")}-${chapter.slug}`;
  const sectionDir = (chapter: Named, section: Named) =>
    `${chapterDir(chapter)}/${lastPart(section.id, "s")}-${section.slug}`;
  const unitDir = (chapter: Named, section: Named, unit: { id: string }) =>
    `${sectionDir(chapter, section)}/${lastPart(unit.id, "p")}`;
  return {
    root,
    bookFile: (name: BookFile) => `${root}/${name}`,
    partDir,
    partFile: (part: Named, name: PartFile) => `${partDir(part)}/${name}`,
    chapterDir,
    chapterFile: (chapter: Named, name: ChapterFile) => `${chapterDir(chapter)}/${name}`,
    sectionDir,
    sectionFile: (chapter: Named, section: Named, name: SectionFile) =>
      `${sectionDir(chapter, section)}/${name}`,
    unitDir,
    unitFile: (chapter: Named, section: Named, unit: { id: string }, name: UnitFile) =>
      `${unitDir(chapter, section, unit)}/${name}`,
    /** A PNG by the hex SHA-256 of its bytes: the same figure is stored once per run. */
    image: (sha256: string) => {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("image keys take a hex sha256");
      return `${root}/images/${sha256}.png`;
    },
    exportZip: runKeys.exportZip(runId),
    /** Path of a key inside export.zip (relative to the book root). */
    exportPath: (key: string) => {
      if (!key.startsWith(`${root}/`)) throw new Error(`${key} is not in this run's book tree`);
      return key.slice(root.length + 1);
    },
  };
}
export type BookOutputLayout = ReturnType<typeof bookOutputLayout>;

/** The Content-Type to store and serve each output with (PNG only for images, never SVG). */
export function contentTypeFor(key: string): string {
  if (key.endsWith(".md")) return "text/markdown; charset=utf-8";
  if (key.endsWith(".json")) return "application/json";
  if (key.endsWith(".png")) return "image/png";
  if (key.endsWith(".zip")) return "application/zip";
  return "application/octet-stream";
}
