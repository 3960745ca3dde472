import { describe, expect, it } from "vitest";
import { bookOutputLayout, contentTypeFor } from "../../../workers/pipelines/book/output-layout.ts";

describe("bookOutputLayout", () => {
  const layout = bookOutputLayout("run_42");
  const chapter = { id: "ch03", slug: "ownership" };
  const section = { id: "ch03/s02", slug: "the-stack" };

  it("builds unit, section, chapter and book keys", () => {
    expect(layout.unitFile(chapter, section, { id: "ch03/s02/p05" }, "article.md")).toBe(
      "runs/run_42/book/ch03-ownership/s02-the-stack/p05/article.md",
    );
    expect(layout.sectionFile(chapter, section, "structure.json")).toBe(
      "runs/run_42/book/ch03-ownership/s02-the-stack/structure.json",
    );
    expect(layout.chapterFile(chapter, "thumbnail.png")).toBe(
      "runs/run_42/book/ch03-ownership/thumbnail.png",
    );
    expect(layout.bookFile("index.json")).toBe("runs/run_42/book/index.json");
    expect(layout.exportZip).toBe("runs/run_42/export.zip");
    expect(layout.exportPath(layout.bookFile("book.json"))).toBe("book.json");
  });

  it("content-addresses images and refuses anything that is not a sha256", () => {
    const sha = "a".repeat(64);
    expect(layout.image(sha)).toBe(`runs/run_42/book/images/${sha}.png`);
    expect(() => layout.image("../x")).toThrow();
  });

  it("refuses run ids and unit ids that could change the key's shape", () => {
    expect(() => bookOutputLayout("../other")).toThrow();
    expect(() => layout.unitDir(chapter, section, { id: "p05/../../x" })).toThrow();
  });

  it("serves images as PNG only", () => {
    expect(contentTypeFor("x/thumbnail.png")).toBe("image/png");
    expect(contentTypeFor("x/figure.svg")).toBe("application/octet-stream");
    expect(contentTypeFor("x/article.md")).toBe("text/markdown; charset=utf-8");
  });
});
