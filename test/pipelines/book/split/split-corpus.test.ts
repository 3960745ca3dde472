import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../../../workers/media/markdown/parse-markdown.ts";
import type { Book } from "../../../../workers/pipelines/book/book-model.ts";
import { readBookInput } from "../../../../workers/pipelines/book/input/read-book-input.ts";
import { splitBook } from "../../../../workers/pipelines/book/split/split-book.ts";
import { corpusBook, hasCorpus, seedDocuments, zipBook } from "../../../support/book-corpus.ts";
import { expectEveryLineInOneUnit } from "./conservation.ts";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function unitsOf(book: Book) {
  return book.chapters.flatMap((chapter) => chapter.sections.flatMap((section) => section.units));
}

/** Conservation: per file, unit slices are contiguous, in order, and rebuild the file exactly. */
function expectConserved(book: Book, fileText: (path: string) => string) {
  expect(book.files.length).toBeGreaterThan(0);
  for (const { path, length } of book.files) {
    const units = unitsOf(book).filter((unit) => unit.path === path);
    const text = fileText(path);
    expect(length).toBe(text.length);
    expect(units.map((unit) => unit.source).join("")).toBe(text);
    let at = 0;
    for (const unit of units) {
      expect(unit.start).toBe(at);
      expect(unit.source).toBe(text.slice(unit.start, unit.end));
      at = unit.end;
    }
    expect(at).toBe(text.length);
  }
}

/** No code block, table or list of any file is divided between two units. */
function expectNoCutBlocks(book: Book, fileText: (path: string) => string) {
  let checked = 0;
  for (const { path } of book.files) {
    const units = unitsOf(book).filter((unit) => unit.path === path);
    for (const node of parseMarkdown(fileText(path)).children) {
      if (!["code", "table", "list", "html", "blockquote"].includes(node.type)) continue;
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? 0;
      const holder = units.find((unit) => unit.start <= start && start < unit.end);
      expect(holder, `${path}@${start}`).toBeDefined();
      expect(end, `${node.type} at ${path}@${start} crosses ${holder?.id}`).toBeLessThanOrEqual(
        holder?.end ?? 0,
      );
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
}

describe.skipIf(!hasCorpus)("splitting the corpus", () => {
  it("splits the English mdBook by its SUMMARY.md, in table-of-contents order", () => {
    const files = corpusBook("rust-book-en");
    const book = splitBook(readBookInput(zipBook(files), { name: "rust-book.zip" }));
    expect(book.format).toBe("mdbook");
    expect(book.language).toBe("en");
    expect(book.root).toBe("book");
    // One chapter per SUMMARY.md entry: the two chapters and their sub-chapters, nested as
    // mdBook numbers them (4, 4.1, 4.2, …); the book has no `# Part` titles, so no parts.
    expect(book.parts).toEqual([]);
    expect(book.chapters.filter((c) => c.depth === 1).map((chapter) => chapter.title)).toEqual([
      "Understanding Ownership",
      "Smart Pointers",
    ]);
    expect(book.chapters.map((c) => [c.files, c.parentId ?? null])).toEqual([
      [["book/src/ch04-00-understanding-ownership.md"], null],
      [["book/src/ch04-01-what-is-ownership.md"], "ch01"],
      [["book/src/ch04-02-references-and-borrowing.md"], "ch01"],
      [["book/src/ch04-03-slices.md"], "ch01"],
      [["book/src/ch15-00-smart-pointers.md"], null],
      ...[1, 2, 3, 4, 5, 6].map(() => [[expect.stringMatching(/^book\/src\/ch15-0\d-/)], "ch05"]),
    ]);
    const text = (path: string) => decode(files.get(path.replace(/^book\//, "")) ?? new Uint8Array());
    expectConserved(book, text);
    expectNoCutBlocks(book, text);
    // Sections come from the headings inside the chapter files.
    const titles = book.chapters[1]?.sections.map((section) => section.title) ?? [];
    expect(titles).toContain("Ownership Rules");
    expect(titles).toContain("The String Type");
    // The listings are not in the corpus: includes stay as written and are reported.
    expect(book.warnings.some((warning) => warning.code === "include_missing")).toBe(true);
    // HTML <img> tags pointing at the SVG figures are found.
    const images = unitsOf(book).flatMap((unit) => unit.images);
    expect(images.some((image) => image.kind === "file" && image.path === "book/src/img/trpl04-01.svg")).toBe(
      true,
    );
    // Links between chapters resolve to unit ids.
    const linked = unitsOf(book).flatMap((unit) => unit.links.filter((link) => link.targetId));
    expect(linked.length).toBeGreaterThan(0);
  });

  it("splits the Japanese GitBook by its SUMMARY.md", () => {
    const files = corpusBook("ts-deep-dive-ja");
    const book = splitBook(readBookInput(zipBook(files, ""), { name: "ts.zip" }));
    expect(book.format).toBe("gitbook");
    expect(book.language).toBe("ja");
    // Top-level entries with nested pages are parts; every page is a chapter, the part's own
    // page first.
    expect(book.parts.map((part) => [part.title, part.chapterIds.length])).toEqual([
      ["JavaScript", 6],
      ["Future JavaScript Now", 6],
    ]);
    expect(book.chapters.map((chapter) => chapter.title)).toEqual([
      "JavaScript",
      "Equality",
      "References",
      "Null vs. Undefined",
      "this",
      "Closure",
      "Future JavaScript Now",
      "Classes",
      "Arrow Functions",
      "Promise",
      "Generators",
      "Async Await",
    ]);
    expect(book.chapters[0]?.files).toEqual(["docs/javascript/recap.md"]);
    const text = (path: string) => decode(files.get(path) ?? new Uint8Array());
    expectConserved(book, text);
    expectNoCutBlocks(book, text);
    expectEveryLineInOneUnit(book, text);
    const ids = unitsOf(book).map((unit) => unit.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe("ch01/s01/p01");
  });

  it("splits every seed document (single Japanese Markdown files) by headings", () => {
    for (const [name, bytes] of seedDocuments()) {
      const book = splitBook(readBookInput(bytes, { name }));
      expect(book.format).toBe("single-file");
      expect(book.language).toBe("ja");
      const text = decode(bytes);
      expectConserved(book, () => text);
      expectNoCutBlocks(book, () => text);
      expect(book.chapters.length, name).toBeGreaterThan(1);
    }
  });

  it("finds the Mermaid diagrams of seed 000 and names chapters after its ## headings", () => {
    const [name, bytes] = [...seedDocuments()].find(([path]) => path.startsWith("000_")) ?? [
      "",
      new Uint8Array(),
    ];
    const book = splitBook(readBookInput(bytes, { name }));
    expect(book.title).toBe("改善版リソース生成ワークフローのアーキテクチャ設計");
    expect(book.chapters[0]?.title).toBe("1. システム概要");
    expect(book.chapters[0]?.sections[0]?.title).toBe("1.1 システムの目的");
    const mermaid = unitsOf(book).flatMap((unit) => unit.images.filter((image) => image.kind === "mermaid"));
    expect(mermaid.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps units within the token budget unless a block had to stay with the one before it", () => {
    const files = corpusBook("ts-deep-dive-ja");
    const book = splitBook(readBookInput(zipBook(files, ""), { name: "ts.zip" }), { unitTokenBudget: 300 });
    const units = unitsOf(book);
    expect(units.length).toBeGreaterThan(40);
    for (const unit of units.filter((unit) => unit.tokens > 300)) {
      const content = unit.blocks.filter((type) => type !== "heading");
      const last = unit.blocks.at(-1) ?? "";
      const forced = ["code", "list", "table"].includes(last) || unit.blocks.at(-2) === "heading";
      expect(content.length === 1 || forced, `${unit.id}: ${unit.blocks.join(",")}`).toBe(true);
    }
  });
});
