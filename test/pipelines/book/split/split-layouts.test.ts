/**
 * The sample books of test/fixtures/book/layouts (Re:VIEW, VitePress, Docusaurus), zipped as a
 * user would upload them: each layout is detected from its own files, splits in table-of-contents
 * order, and conserves its content line by line.
 */
import { describe, expect, it } from "vitest";
import { readBookInput } from "../../../../workers/pipelines/book/input/read-book-input.ts";
import { splitBook } from "../../../../workers/pipelines/book/split/split-book.ts";
import { bookFixtureTree, zipBook } from "../../../support/book-corpus.ts";
import { expectEveryLineInOneUnit, unitsOf } from "./conservation.ts";

const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());

function splitFixture(folder: string) {
  const files = bookFixtureTree(`layouts/${folder}`);
  const book = splitBook(readBookInput(zipBook(files, folder), { name: `${folder}.zip` }));
  const text = (path: string) => decode(files.get(path.slice(folder.length + 1)));
  return { book, text };
}

const outline = (book: ReturnType<typeof splitBook>) =>
  book.chapters.map((c) => [c.id, c.partId ?? null, c.parentId ?? null, c.title, c.files[0]]);

describe("a Re:VIEW project", () => {
  const { book, text } = splitFixture("review");

  it("follows catalog.yml: PREDEF, the parts of CHAPS, APPENDIX, POSTDEF", () => {
    expect(book.format).toBe("review");
    expect(book.language).toBe("ja");
    expect(book.parts.map((p) => [p.id, p.title, p.chapterIds])).toEqual([
      ["pt01", "第1部 基礎", ["ch02", "ch03", "ch04"]],
      ["pt02", "第2部 運用", ["ch05"]],
    ]);
    expect(outline(book)).toEqual([
      ["ch01", null, null, "はじめに", "review/preface.re"],
      ["ch02", "pt01", null, "第1部 基礎", "review/part1.re"],
      ["ch03", "pt01", null, "ワークフローの全体像", "review/ch01.re"],
      ["ch04", "pt01", null, "状態の置き場所", "review/ch02.re"],
      ["ch05", "pt02", null, "監視と再実行", "review/ch03.re"],
      ["ch06", null, null, "コマンド一覧", "review/appendix.re"],
      ["ch07", null, null, "あとがき", "review/postface.re"],
    ]);
    expect(book.warnings).toEqual([]);
  });

  it("cuts sections at == headings and conserves every line, code never cut", () => {
    expect(book.chapters[2]?.sections.map((s) => s.title)).toEqual([
      "ワークフローの全体像",
      "ステップとキュー",
    ]);
    const { lines, blocks } = expectEveryLineInOneUnit(book, text);
    expect(lines).toBeGreaterThan(60);
    expect(blocks).toBe(3);
  });

  it("gives generators Markdown: headings, fenced code, tables, lists, figures, chapter links", () => {
    const queue = unitsOf(book).find((u) => u.text.includes("## ステップとキュー"));
    expect(queue?.text).toContain("**ステップをキューに積む**\n\n```ts\nexport async function enqueue(");
    expect(queue?.text).toContain("| rate_limit | する | Retry-After に従う |");
    expect(queue?.text).toContain("1. リースが切れたステップは再び積まれます");
    expect(queue?.text).not.toContain("//}");
    // @<chap>{ch02} links to the chapter made of ch02.re, rewritten to its exported article.
    expect(queue?.links).toEqual([
      expect.objectContaining({ path: "review/ch02.re", targetId: "ch04/s01/p01" }),
    ]);
    expect(queue?.text).toContain("](../../../ch04-状態の置き場所/s01-状態の置き場所/p01/article.md)");
    const figure = unitsOf(book).flatMap((u) => u.images);
    expect(figure).toEqual([
      {
        kind: "file",
        src: "images/ch01/pipeline.png",
        path: "review/images/ch01/pipeline.png",
        alt: "ステップが流れる様子",
      },
    ]);
    const preface = unitsOf(book)[0];
    expect(preface?.source).toContain("#@# 校正メモ");
    expect(preface?.text).not.toContain("校正メモ");
  });
});

describe("a VitePress site", () => {
  const { book, text } = splitFixture("vitepress");

  it("reads the sidebar of a TypeScript config as data: groups are parts, nested items sub-chapters", () => {
    expect(book.format).toBe("vitepress");
    expect(book.parts.map((p) => [p.title, p.chapterIds])).toEqual([
      ["Introduction", ["ch01", "ch02"]],
      ["Reference", ["ch03", "ch04", "ch05"]],
    ]);
    expect(outline(book)).toEqual([
      ["ch01", "pt01", null, "What is Edge Queue?", "vitepress/docs/guide/what-is-edge-queue.md"],
      ["ch02", "pt01", null, "Getting Started", "vitepress/docs/guide/getting-started.md"],
      ["ch03", "pt02", null, "Configuration", "vitepress/docs/reference/config.md"],
      ["ch04", "pt02", null, "API", "vitepress/docs/reference/api.md"],
      ["ch05", "pt02", "ch04", "Retries", "vitepress/docs/reference/api-retries.md"],
      ["ch06", null, null, "Changelog", "vitepress/docs/changelog.md"],
    ]);
    expect(book.chapters[4]?.depth).toBe(2);
    // The home page is not in the sidebar.
    expect(book.warnings.map((w) => w.code)).toEqual(["unlisted_markdown"]);
  });

  it("conserves every line and keeps code, {{ }} in code included, as written", () => {
    const { blocks } = expectEveryLineInOneUnit(book, text);
    expect(blocks).toBe(4);
    const consumer = unitsOf(book).find((u) => u.text.includes("## Your first consumer"));
    expect(consumer?.text).toContain("<p>{{ batch.length }} messages waiting</p>");
    expect(consumer?.text).toContain("`{{ batch.length }}`");
  });

  it("drops {#id} from the text models read, keeps it as the anchor, and rewrites site links", () => {
    const first = book.chapters[0]?.sections[0];
    expect(first?.anchor).toBe("what-is-it");
    expect(first?.units[0]?.source).toContain("# What is Edge Queue? {#what-is-it}");
    expect(first?.units[0]?.text).toContain("# What is Edge Queue?\n");
    const consumer = unitsOf(book).find((u) => u.text.includes("## Your first consumer"));
    // "/reference/config#retries": a clean site URL, resolved to the heading {#retries}.
    expect(consumer?.links).toEqual([
      expect.objectContaining({ path: "vitepress/docs/reference/config.md", targetId: "ch03/s02/p01" }),
    ]);
    expect(consumer?.text).toContain("(../../../ch03-configuration/s02-retries/p01/article.md)");
  });
});

describe("a Docusaurus site", () => {
  const { book, text } = splitFixture("docusaurus");

  it("follows sidebars.js: doc ids, categories as parts, autogenerated folders; skips external links", () => {
    expect(book.format).toBe("docusaurus");
    expect(book.parts.map((p) => [p.title, p.chapterIds])).toEqual([
      ["Basics", ["ch02", "ch03", "ch04"]],
      ["Advanced", ["ch05", "ch06"]],
    ]);
    expect(outline(book).map(([id, , , title, file]) => `${id} ${title} ${file}`)).toEqual([
      // The front matter title wins over the heading.
      "ch01 Introduction docusaurus/docs/intro.md",
      "ch02 Basics docusaurus/docs/01-basics/index.md",
      // id: install in front matter
      "ch03 Install docusaurus/docs/01-basics/01-install.md",
      // the sidebar's label
      "ch04 Your first run docusaurus/docs/01-basics/02-first-run.md",
      "ch05 Limits docusaurus/docs/advanced/1-limits.md",
      "ch06 Costs docusaurus/docs/advanced/2-costs.mdx",
    ]);
    expectEveryLineInOneUnit(book, text);
  });
});
