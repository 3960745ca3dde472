import { describe, expect, it } from "vitest";
import type { BookUpload } from "../../../../workers/pipelines/book/input/read-book-input.ts";
import { splitBook } from "../../../../workers/pipelines/book/split/split-book.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

function upload(files: Record<string, string>, kind: BookUpload["kind"] = "zip"): BookUpload {
  return {
    kind,
    name: "book.zip",
    files: new Map(Object.entries(files).map(([path, text]) => [path, utf8(text)])),
  };
}

const units = (book: ReturnType<typeof splitBook>) =>
  book.chapters.flatMap((chapter) => chapter.sections.flatMap((section) => section.units));

describe("splitBook", () => {
  it("reports table-of-contents entries whose file is missing and splits the rest", () => {
    const book = splitBook(
      upload({
        "SUMMARY.md": "# Summary\n\n* [One](one.md)\n  * [Gone](gone.md)\n* [Two](two.md)\n* [Draft]()\n",
        "one.md": "# One\n\nFirst.\n",
        "two.md": "# Two\n\nSecond.\n",
      }),
    );
    expect(book.format).toBe("gitbook");
    expect(book.chapters.map((chapter) => chapter.title)).toEqual(["One", "Two"]);
    expect(book.warnings).toContainEqual(
      expect.objectContaining({ code: "toc_missing_file", path: "gone.md" }),
    );
  });

  it("uses a README that is a list of links as the table of contents", () => {
    const book = splitBook(
      upload({
        "README.md": "# My book\n\n- [Intro](intro.md)\n- [Usage](usage.md)\n- [API](api.md)\n",
        "intro.md": "# Intro\n\nHello.\n",
        "usage.md": "# Usage\n\nUse it.\n",
        "api.md": "# API\n\nCall it.\n",
        "stray.md": "# Not listed\n",
      }),
    );
    expect(book.format).toBe("gitbook");
    expect(book.warnings).toContainEqual(
      expect.objectContaining({ code: "unlisted_markdown", path: "stray.md" }),
    );
    expect(book.chapters.map((chapter) => chapter.id + " " + chapter.title)).toEqual([
      "ch01 Intro",
      "ch02 Usage",
      "ch03 API",
    ]);
  });

  it("orders numbered files and folders naturally", () => {
    const book = splitBook(
      upload({
        "10-last.md": "# Last\n\nz\n",
        "2-second/1-a.md": "# Second A\n\nb\n",
        "2-second/README.md": "# Second\n\nintro\n",
        "1-first.md": "# First\n\na\n",
      }),
    );
    expect(book.format).toBe("numbered-folder");
    // A folder of several files is a part; each file a chapter, README first.
    expect(book.chapters.map((chapter) => chapter.title)).toEqual(["First", "Second", "Second A", "Last"]);
    expect(book.parts).toEqual([
      { id: "pt01", number: 1, slug: "second", title: "Second", chapterIds: ["ch02", "ch03"] },
    ]);
    expect(book.chapters[1]?.files).toEqual(["2-second/README.md"]);
  });

  it("takes the title from front matter and keeps the front matter in the first unit", () => {
    const text = "---\ntitle: 紡ぎの本\n---\n\n# 第1章\n\n本文。\n\n# 第2章\n\n続き。\n";
    const book = splitBook(upload({ "book.md": text }, "file"));
    expect(book.title).toBe("紡ぎの本");
    expect(book.chapters.map((chapter) => chapter.title)).toEqual(["第1章", "第2章"]);
    expect(units(book)[0]?.source.startsWith("---\ntitle")).toBe(true);
    expect(
      units(book)
        .map((unit) => unit.source)
        .join(""),
    ).toBe(text);
  });

  it("strips {#id} from heading titles, keeps it as the anchor and resolves links to it", () => {
    const book = splitBook(
      upload({
        "src/SUMMARY.md": "# Summary\n\n- [A](a.md)\n- [B](b.md)\n",
        "src/a.md": "# A\n\n## Rules {#rules}\n\nText.\n\n## More\n\nMore.\n",
        "src/b.md": "# B\n\nSee [the rules](a.md#rules) and [more](a.html#more).\n",
      }),
    );
    expect(book.format).toBe("mdbook");
    const sections = book.chapters[0]?.sections ?? [];
    expect(sections.map((section) => [section.title, section.anchor])).toEqual([
      ["Rules", "rules"],
      ["More", undefined],
    ]);
    const links = book.chapters[1]?.sections[0]?.units[0]?.links ?? [];
    expect(links.map((link) => link.targetId)).toEqual(["ch01/s01/p01", "ch01/s02/p01"]);
  });

  it("resolves {{#include}} with anchors and line ranges, and GitBook variables, in `text` only", () => {
    const page =
      "# P\n\n```rust\n{{#include ../listings/a.rs:main}}\n```\n\n{{#include ../listings/a.rs:1:1}}\n\n{{ book.name }} {{ book.unknown }}\n";
    const book = splitBook(
      upload({
        "book.json": JSON.stringify({ variables: { name: "Tsumugi" } }),
        "SUMMARY.md": "- [P](src/page.md)\n",
        "src/page.md": page,
        "listings/a.rs": "// first line\n// ANCHOR: main\nfn main() {}\n// ANCHOR_END: main\n",
      }),
    );
    const unit = units(book)[0];
    expect(unit?.source).toBe(page);
    expect(unit?.text).toContain("```rust\nfn main() {}\n```");
    expect(unit?.text).toContain("\n// first line\n");
    // An unresolved GitBook variable is template markup: not sent to models (source keeps it).
    expect(unit?.text).toContain("Tsumugi \n");
    expect(unit?.text).not.toContain("{{ book.unknown }}");
    expect(book.warnings).toEqual([]);
  });

  it("leaves a missing include as written and warns", () => {
    const book = splitBook(upload({ "a.md": "# A\n\n{{#rustdoc_include missing.rs}}\n" }, "file"));
    expect(units(book)[0]?.text).toContain("{{#rustdoc_include missing.rs}}");
    expect(book.warnings).toContainEqual(expect.objectContaining({ code: "include_missing" }));
  });

  it("finds images, mermaid and svg fences, and records remote images without fetching", () => {
    const text = [
      "# Pics",
      "![local](img/a.png)",
      '<img alt="fig" src="img/b.svg" class="center" />',
      "![remote](https://example.com/x.png)",
      "![gone](img/none.png)",
      "```mermaid\ngraph TD\n  A-->B\n```",
      '```svg\n<svg xmlns="http://www.w3.org/2000/svg"/>\n```',
    ].join("\n\n");
    const book = splitBook({
      kind: "zip",
      name: "b.zip",
      files: new Map([
        ["only.md", utf8(text)],
        ["img/a.png", new Uint8Array([1])],
        ["img/b.svg", utf8("<svg/>")],
      ]),
    });
    const images = units(book).flatMap((unit) => unit.images);
    expect(images.map((image) => image.kind)).toEqual(["file", "file", "remote", "mermaid", "svg"]);
    expect(images[1]).toMatchObject({ kind: "file", path: "img/b.svg", alt: "fig" });
    expect(book.warnings).toContainEqual(expect.objectContaining({ code: "image_missing" }));
  });

  it("gives a book without headings one chapter with one section", () => {
    const book = splitBook(upload({ "plain.md": "Just a paragraph.\n\nAnother one.\n" }, "file"));
    expect(book.chapters).toHaveLength(1);
    expect(book.chapters[0]?.sections[0]?.units[0]?.id).toBe("ch01/s01/p01");
    expect(book.chapters[0]?.slug).toBe("plain");
  });

  it("conserves CRLF text and drops only a leading BOM", () => {
    const text = "# 本\r\n\r\n## 一\r\n\r\n本文。\r\n\r\n```js\r\nx\r\n```\r\n\r\n## 二\r\n\r\n続き。\r\n";
    const book = splitBook({ kind: "file", name: "a.md", files: new Map([["a.md", utf8("\uFEFF" + text)]]) });
    expect(
      units(book)
        .map((unit) => unit.source)
        .join(""),
    ).toBe(text);
    expect(book.chapters.map((chapter) => chapter.title)).toEqual(["一", "二"]);
  });

  it("gives the same ids and slices for the same input", () => {
    const files = { "SUMMARY.md": "- [A](a.md)\n- [B](b.md)\n", "a.md": "# A\n\nx\n", "b.md": "# B\n\ny\n" };
    const first = splitBook(upload(files));
    const second = splitBook(upload(files));
    expect(second).toEqual(first);
  });

  it("fails with no_markdown when every table-of-contents entry is missing", () => {
    expect(() => splitBook(upload({ "SUMMARY.md": "- [A](a.md)\n- [B](b.md)\n", "other.txt": "x" }))).toThrow(
      expect.objectContaining({ code: "no_markdown" }),
    );
  });
});
