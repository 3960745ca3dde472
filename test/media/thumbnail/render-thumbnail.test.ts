import { describe, expect, it } from "vitest";
import { rasterInfo } from "../../../workers/media/render/image-size.ts";
import { renderThumbnail, thumbnailSvg } from "../../../workers/media/thumbnail/render-thumbnail.ts";
import { textWidth, wrapText } from "../../../workers/media/thumbnail/wrap-text.ts";

describe("wrapText", () => {
  it("breaks Japanese between characters but never before closing punctuation", () => {
    // Five characters fit a line, so "、" would start line two; "お" moves down with it.
    const lines = wrapText("あいうえお、かきくけこ", 100, 500);
    expect(lines[0]).toBe("あいうえ");
    expect(lines[1]?.startsWith("お、")).toBe(true);
    for (const line of lines) expect(line.startsWith("、")).toBe(false);
    expect(lines.join("")).toBe("あいうえお、かきくけこ");
  });

  it("breaks Latin text at spaces and keeps lines within the width", () => {
    const lines = wrapText("Treating Smart Pointers Like Regular References with Deref", 80, 1120);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidth(line, 80)).toBeLessThanOrEqual(1120);
    expect(lines.join(" ")).toBe("Treating Smart Pointers Like Regular References with Deref");
  });
});

describe("renderThumbnail", () => {
  it("renders a 1280×720 PNG with a Japanese title", async () => {
    const { png, width, height } = await renderThumbnail({
      title: "あなたの書いたJavaScriptはTypeScriptである：型安全への第一歩",
      chapterLabel: "第1章",
      bookTitle: "TypeScript Deep Dive 日本語版",
    });
    expect([width, height]).toEqual([1280, 720]);
    expect(rasterInfo(png)).toEqual({ type: "png", width: 1280, height: 720 });
  });

  it("escapes user text and shortens very long titles to three lines", () => {
    const svg = thumbnailSvg({
      title: "<b>&" + "長い題名".repeat(60),
      chapterLabel: "Chapter 3",
      bookTitle: "x",
    });
    expect(svg).toContain("&#60;b&#62;&#38;");
    expect(svg.match(/<tspan/g)).toHaveLength(3);
    expect(svg).toContain("…</tspan>");
    expect(svg).not.toMatch(/\{\{/);
  });
});
