import { describe, expect, it } from "vitest";
import { linkImages } from "../../../workers/media/markdown/link-images.ts";

describe("linkImages", () => {
  const resolve = (ref: { kind: string; src?: string; code?: string }) =>
    ref.kind === "src"
      ? ref.src?.startsWith("img/")
        ? `images/${ref.src.slice(4, 5)}.png`
        : undefined
      : "images/d.png";

  it("rewrites Markdown images, keeping alt text and title", () => {
    expect(linkImages('See ![Stack](img/a.svg "The stack").', resolve)).toBe(
      'See ![Stack](images/a.png "The stack").',
    );
  });

  it("keeps the closing parenthesis of an image without a title", () => {
    expect(linkImages("![a](img/a.svg)\n\n![b](img/b_(1).svg) after", resolve)).toBe(
      "![a](images/a.png)\n\n![b](images/b.png) after",
    );
  });

  it("rewrites HTML <img> and reference definitions", () => {
    const text = '<img alt="x" src="img/b.svg" class="center" />\n\n![fig][f]\n\n[f]: img/c.svg\n';
    expect(linkImages(text, resolve)).toBe(
      '<img alt="x" src="images/b.png" class="center" />\n\n![fig][f]\n\n[f]: images/c.png\n',
    );
  });

  it("replaces mermaid and svg fences by image links and leaves other code alone", () => {
    const text = "```mermaid\ngraph TD\n A-->B\n```\n\n```ts\nconst x = 1;\n```\n";
    expect(linkImages(text, resolve)).toBe("![mermaid diagram](images/d.png)\n\n```ts\nconst x = 1;\n```\n");
  });

  it("leaves figures the resolver does not know unchanged", () => {
    const text = "![remote](https://example.com/x.png)";
    expect(linkImages(text, resolve)).toBe(text);
  });
});
