import { describe, expect, it } from "vitest";
import { renderFigure } from "../../../workers/pipelines/book/render-figure.ts";
import { bookFixture } from "../../support/book-corpus.ts";

describe("renderFigure", () => {
  const files = new Map([
    ["img/a.jpg", bookFixture("images/tiny.jpg")],
    ["img/a.drawio", bookFixture("images/sample.drawio")],
  ]);
  const read = (path: string) => files.get(path);

  it("renders local files and diagrams to PNG", async () => {
    const file = await renderFigure(
      { kind: "file", src: "img/a.jpg", path: "img/a.jpg", alt: "" },
      read,
      "a.md",
    );
    expect(file.ok && file.image.from).toBe("jpeg");
    const diagram = await renderFigure(
      { kind: "mermaid", code: "graph LR\n A-->B", offset: 0 },
      read,
      "a.md",
    );
    expect(diagram.ok && diagram.image.width).toBeGreaterThan(0);
  });

  it("turns remote, missing, raw draw.io and broken diagrams into warnings", async () => {
    const cases = [
      [{ kind: "remote", src: "https://example.com/a.png", alt: "" }, "image_remote"],
      [{ kind: "file", src: "img/none.png", path: "img/none.png", alt: "" }, "image_missing"],
      [{ kind: "file", src: "img/a.drawio", path: "img/a.drawio", alt: "" }, "drawio_unrendered"],
      [{ kind: "svg", code: "<svg", offset: 0 }, "diagram_failed"],
    ] as const;
    for (const [ref, code] of cases) {
      const result = await renderFigure(ref, read, "a.md");
      expect(result.ok ? "ok" : result.warning.code).toBe(code);
    }
  });
});
