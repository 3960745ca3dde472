import { describe, expect, it } from "vitest";
import { MediaError } from "../../../workers/media/media-error.ts";
import { rasterInfo } from "../../../workers/media/render/image-size.ts";
import { imageToPng } from "../../../workers/media/render/image-to-png.ts";
import { mermaidToSvg } from "../../../workers/media/render/mermaid-to-svg.ts";
import { bookFixture, corpusBook, hasCorpus, seedDocuments } from "../../support/book-corpus.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const isPng = (bytes: Uint8Array) => PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);

function mermaidBlocks(text: string): string[] {
  return [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

describe("imageToPng", () => {
  it("passes PNG through and redraws JPEG and GIF as PNG of the same size", async () => {
    for (const name of ["tiny.png", "tiny.jpg", "tiny.gif"]) {
      const image = await imageToPng({
        kind: "file",
        path: `img/${name}`,
        bytes: bookFixture(`images/${name}`),
      });
      expect(isPng(image.png), name).toBe(true);
      expect([image.width, image.height], name).toEqual([40, 24]);
      expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(rasterInfo(image.png)).toEqual({ type: "png", width: 40, height: 24 });
    }
  });

  it("renders a .drawio.svg and reports a raw .drawio file", async () => {
    const image = await imageToPng({
      kind: "file",
      path: "diagrams/queue.drawio.svg",
      bytes: bookFixture("images/sample.drawio.svg"),
    });
    expect(image.from).toBe("drawio-svg");
    expect(isPng(image.png)).toBe(true);
    const raw = imageToPng({
      kind: "file",
      path: "diagrams/queue.drawio",
      bytes: bookFixture("images/sample.drawio"),
    });
    await expect(raw).rejects.toMatchObject({ name: "MediaError", code: "drawio_unrendered" });
  });

  it("rejects files that are no image and SVG that does not parse", async () => {
    const text = new TextEncoder().encode("not an image");
    await expect(imageToPng({ kind: "file", path: "a.webp", bytes: text })).rejects.toBeInstanceOf(
      MediaError,
    );
    await expect(imageToPng({ kind: "svg", code: "<svg" })).rejects.toMatchObject({ code: "svg_invalid" });
  });

  it("renders an ```svg fence and the content address is stable", async () => {
    const code =
      '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="red"/></svg>';
    const first = await imageToPng({ kind: "svg", code });
    const second = await imageToPng({ kind: "svg", code });
    expect(first.sha256).toBe(second.sha256);
    expect([first.width, first.height]).toEqual([40, 20]);
  });

  it.skipIf(!hasCorpus)("renders every SVG figure of the English mdBook", async () => {
    const svgs = [...corpusBook("rust-book-en")].filter(([path]) => path.endsWith(".svg"));
    expect(svgs.length).toBeGreaterThan(10);
    for (const [path, bytes] of svgs) {
      const image = await imageToPng({ kind: "file", path, bytes });
      expect(isPng(image.png), path).toBe(true);
      expect(image.width, path).toBeGreaterThan(100);
    }
  });

  it.skipIf(!hasCorpus)("renders the Mermaid diagrams of the seed documents without a DOM", async () => {
    const blocks = [...seedDocuments().values()].flatMap((bytes) =>
      mermaidBlocks(new TextDecoder().decode(bytes)),
    );
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    let rendered = 0;
    const failures: string[] = [];
    for (const code of blocks) {
      try {
        const image = await imageToPng({ kind: "mermaid", code });
        expect(isPng(image.png)).toBe(true);
        rendered++;
      } catch (err) {
        if (!(err instanceof MediaError)) throw err;
        failures.push(`${code.split("\n")[0]}: ${err.message}`);
      }
    }
    // Every flowchart and sequence diagram must render; exotic types may be reported instead.
    expect(failures.filter((failure) => /^(graph|flowchart|sequenceDiagram)/.test(failure))).toEqual([]);
    expect(rendered).toBeGreaterThanOrEqual(2);
  });

  it("inlines the CSS variables of beautiful-mermaid's SVG so resvg sees plain colours", async () => {
    const svg = await mermaidToSvg("graph TD\n  A[開始] --> B{判定}\n  B -->|Yes| C[終了]");
    expect(svg).not.toMatch(/var\(|color-mix|@import/);
    expect(svg).toContain("開始");
  });
});
