/**
 * Content conservation as a property of any split book: every line of every source file (prose
 * and code) lands in exactly one unit, whole, and every code block lies inside one unit.
 */
import { expect } from "vitest";
import { parseMarkdown } from "../../../../workers/media/markdown/parse-markdown.ts";
import type { Book, Unit } from "../../../../workers/pipelines/book/book-model.ts";

export function unitsOf(book: Book): Unit[] {
  return book.chapters.flatMap((chapter) => chapter.sections.flatMap((section) => section.units));
}

/** [start, end) of each code block: Markdown fences, or Re:VIEW `//list{ … //}` blocks. */
function codeBlocks(path: string, text: string): { start: number; end: number }[] {
  if (/\.re$/.test(path)) {
    return [
      ...text.matchAll(/^\/\/(list|listnum|emlist|emlistnum|cmd|source)\b[^\n]*\{\n[\s\S]*?^\/\/\}$/gm),
    ].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  }
  return parseMarkdown(text)
    .children.filter((node) => node.type === "code")
    .map((node) => ({ start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 }));
}

/** Checks the property over every file of the book; returns how many lines and code blocks it saw. */
export function expectEveryLineInOneUnit(book: Book, fileText: (path: string) => string) {
  let lines = 0;
  let blocks = 0;
  expect(book.files.length).toBeGreaterThan(0);
  for (const { path } of book.files) {
    const text = fileText(path);
    const units = unitsOf(book).filter((unit) => unit.path === path);
    // The units of a file, in order, are the whole file.
    expect(units.map((unit) => unit.source).join(""), path).toBe(text);
    let at = 0;
    for (const line of text.split("\n")) {
      const start = at;
      const end = at + line.length;
      at = end + 1;
      if (line.trim() === "") continue;
      const holders = units.filter((unit) => unit.start <= start && end <= unit.end);
      expect(
        holders.map((unit) => unit.id),
        `${path}: "${line}"`,
      ).toHaveLength(1);
      lines++;
    }
    for (const block of codeBlocks(path, text)) {
      const holders = units.filter((unit) => unit.start <= block.start && block.end <= unit.end);
      expect(holders, `${path}@${block.start}: code block cut`).toHaveLength(1);
      blocks++;
    }
  }
  return { lines, blocks };
}
