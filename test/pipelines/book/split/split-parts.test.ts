/**
 * Parts: GitBook / Honkit part headings and top-level entries with children, mdBook part titles
 * and draft chapters, numbered folders, and what each keeps of the author's structure.
 */
import { describe, expect, it } from "vitest";
import type { BookUpload } from "../../../../workers/pipelines/book/input/read-book-input.ts";
import { splitBook } from "../../../../workers/pipelines/book/split/split-book.ts";
import { expectEveryLineInOneUnit, unitsOf } from "./conservation.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

function upload(files: Record<string, string>): BookUpload {
  return {
    kind: "zip",
    name: "book.zip",
    files: new Map(Object.entries(files).map(([p, t]) => [p, utf8(t)])),
  };
}

/** A Honkit book: SUMMARY.md with 3 `## Part` headings, 20 linked files under each. */
function honkitBook(): Record<string, string> {
  const files: Record<string, string> = {
    "book.json": JSON.stringify({ title: "Honkit 実践", plugins: ["-sharing"] }),
    "README.md": "# Honkit 実践\n\nこの本について。\n",
  };
  let summary = "# Summary\n\n* [はじめに](README.md)\n\n";
  for (let part = 1; part <= 3; part++) {
    summary += `## 第${part}部\n\n`;
    for (let page = 1; page <= 20; page++) {
      // Natural order would put 10 before 2 in a plain sort; the TOC order must win.
      const path = `part${part}/chapter-${page}.md`;
      summary += `* [${part}-${page} 章](${path})\n`;
      files[path] =
        `# ${part}-${page} 章 {#p${part}c${page}}\n\n本文 ${part}-${page}。\n\n## 節\n\n{% hint style="info" %}\n注意 ${page}。\n{% endhint %}\n`;
    }
    summary += "\n";
  }
  files["SUMMARY.md"] = summary;
  return files;
}

describe("parts", () => {
  it("splits a Honkit book of 3 parts × 20 files into 3 parts and 60 chapters in TOC order", () => {
    const files = honkitBook();
    const book = splitBook(upload(files));
    expect(book.format).toBe("gitbook");
    expect(book.title).toBe("Honkit 実践");
    expect(book.parts.map((p) => [p.id, p.title, p.chapterIds.length])).toEqual([
      ["pt01", "第1部", 20],
      ["pt02", "第2部", 20],
      ["pt03", "第3部", 20],
    ]);
    // The README before the first part heading is a chapter of no part.
    expect(book.chapters[0]).toMatchObject({ id: "ch01", title: "はじめに" });
    expect(book.chapters[0]?.partId).toBeUndefined();
    const inParts = book.chapters.filter((c) => c.partId);
    expect(inParts).toHaveLength(60);
    expect(inParts.map((c) => c.files[0])).toEqual(
      [1, 2, 3].flatMap((part) => Array.from({ length: 20 }, (_, i) => `part${part}/chapter-${i + 1}.md`)),
    );
    expect(inParts[19]).toMatchObject({ id: "ch21", title: "1-20 章", partId: "pt01", depth: 1 });
    expect(book.parts[1]?.chapterIds[0]).toBe("ch22");
    // Sections per heading inside each file; template tags gone from what models read.
    expect(inParts[0]?.sections.map((s) => s.title)).toEqual(["1-1 章", "節"]);
    const unit = inParts[0]?.sections[1]?.units[0];
    expect(unit?.source).toContain('{% hint style="info" %}');
    expect(unit?.text).not.toMatch(/\{%|%\}/);
    expect(unit?.text).toContain("注意 1。");
    expectEveryLineInOneUnit(book, (path) => files[path] ?? "");
  });

  it("makes a GitBook top-level entry with nested files a part, its own page the part's first chapter", () => {
    const book = splitBook(
      upload({
        "README.md":
          "# 本\n\n- [第1部 基礎](part1/README.md)\n  - [型](part1/types.md)\n    - [型の詳細](part1/types-detail.md)\n  - [関数](part1/functions.md)\n- [付録](appendix.md)\n",
        "part1/README.md": "# 第1部 基礎\n\nこの部では基礎を学ぶ。\n",
        "part1/types.md": "# 型\n\n型の話。\n",
        "part1/types-detail.md": "# 型の詳細\n\n詳しく。\n",
        "part1/functions.md": "# 関数\n\n関数の話。\n",
        "appendix.md": "# 付録\n\n表。\n",
      }),
    );
    expect(book.parts).toEqual([
      {
        id: "pt01",
        number: 1,
        slug: "第1部-基礎",
        title: "第1部 基礎",
        chapterIds: ["ch01", "ch02", "ch03", "ch04"],
      },
    ]);
    expect(book.chapters.map((c) => [c.id, c.title, c.partId ?? null, c.parentId ?? null, c.depth])).toEqual([
      ["ch01", "第1部 基礎", "pt01", null, 1],
      ["ch02", "型", "pt01", null, 1],
      ["ch03", "型の詳細", "pt01", "ch02", 2],
      ["ch04", "関数", "pt01", null, 1],
      ["ch05", "付録", null, null, 1],
    ]);
  });

  it("reads mdBook part titles and draft chapters as mdBook documents them", () => {
    const book = splitBook(
      upload({
        "book.toml": '[book]\ntitle = "Parts"\n',
        "src/SUMMARY.md":
          "# Summary\n\n[Introduction](intro.md)\n\n# Guide\n\n- [Install](install.md)\n  - [On Linux](linux.md)\n- [Later]()\n\n---\n\n# Reference\n\n- [CLI](cli.md)\n\n[Contributors](contributors.md)\n",
        "src/intro.md": "# Introduction\n\nHi.\n",
        "src/install.md": "# Install\n\nSteps.\n",
        "src/linux.md": "# On Linux\n\napt.\n",
        "src/cli.md": "# CLI\n\nFlags.\n",
        "src/contributors.md": "# Contributors\n\nUs.\n",
      }),
    );
    expect(book.format).toBe("mdbook");
    expect(book.parts.map((p) => [p.title, p.chapterIds])).toEqual([
      ["Guide", ["ch02", "ch03"]],
      ["Reference", ["ch04"]],
    ]);
    expect(book.chapters.map((c) => [c.title, c.partId ?? null, c.parentId ?? null])).toEqual([
      ["Introduction", null, null],
      ["Install", "pt01", null],
      ["On Linux", "pt01", "ch02"],
      ["CLI", "pt02", null],
      // A suffix chapter (a link outside the lists) is unnumbered and in no part.
      ["Contributors", null, null],
    ]);
    expect(book.warnings).toContainEqual(expect.objectContaining({ code: "toc_draft_chapter" }));
  });

  it("keeps a book without part headings or nesting flat: no parts", () => {
    const book = splitBook(
      upload({ "SUMMARY.md": "- [A](a.md)\n- [B](b.md)\n", "a.md": "# A\n\nx\n", "b.md": "# B\n\ny\n" }),
    );
    expect(book.parts).toEqual([]);
    expect(book.chapters.map((c) => c.title)).toEqual(["A", "B"]);
  });

  it("makes the folders of a numbered book parts and their files chapters, front matter titles first", () => {
    const book = splitBook(
      upload({
        "01-intro.md": "---\ntitle: はじめに\n---\n\n# Intro\n\nHi.\n",
        "02-basics/README.md": "# 基礎編\n\n概要。\n",
        "02-basics/10-last.md": "# Last\n\nz\n",
        "02-basics/2-second.md": "# Second\n\nb\n",
        "03-end.md": "# End\n\ne\n",
      }),
    );
    expect(book.format).toBe("numbered-folder");
    expect(book.parts.map((p) => [p.title, p.chapterIds])).toEqual([["基礎編", ["ch02", "ch03", "ch04"]]]);
    expect(book.chapters.map((c) => c.title)).toEqual(["はじめに", "基礎編", "Second", "Last", "End"]);
    expect(unitsOf(book)).toHaveLength(5);
  });
});
