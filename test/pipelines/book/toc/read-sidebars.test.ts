/**
 * Site configs are data to read, never code to run: literals are followed through `const`s,
 * `defineConfig`, `satisfies`, spreads; anything computed makes the sidebar unreadable and the
 * book falls back to its folder order with a warning.
 */
import { describe, expect, it } from "vitest";
import type { BookUpload } from "../../../../workers/pipelines/book/input/read-book-input.ts";
import { splitBook } from "../../../../workers/pipelines/book/split/split-book.ts";
import { readExportedLiteral } from "../../../../workers/pipelines/book/toc/sidebar/read-js-literal.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
const upload = (files: Record<string, string>): BookUpload => ({
  kind: "zip",
  name: "site.zip",
  files: new Map(Object.entries(files).map(([p, t]) => [p, utf8(t)])),
});

describe("readExportedLiteral", () => {
  it("reads export default, module.exports, consts, spreads and TypeScript wrappers", () => {
    const ts = `import type { X } from "x";
const base = [{ text: "A", link: "/a" }] as const;
export default defineConfig({ themeConfig: { sidebar: [...base, { text: \`B\`, link: "/b" }] satisfies X } });`;
    expect(readExportedLiteral(ts, "config.mts")).toEqual({
      themeConfig: {
        sidebar: [
          { text: "A", link: "/a" },
          { text: "B", link: "/b" },
        ],
      },
    });
    expect(readExportedLiteral("const s = { docs: ['intro'] };\nmodule.exports = s;", "sidebars.js")).toEqual(
      {
        docs: ["intro"],
      },
    );
  });

  it("never runs the file: calls, getters and template expressions read as unknown", () => {
    const hostile = `globalThis.__ran = true;
export default { sidebar: (() => { globalThis.__ran = true; return []; })(), title: \`\${process.env.X}\` };`;
    expect(readExportedLiteral(hostile, "config.js")).toEqual({ sidebar: undefined, title: undefined });
    expect((globalThis as { __ran?: boolean }).__ran).toBeUndefined();
  });

  it("refuses a file that does not parse", () => {
    expect(() => readExportedLiteral("export default {", "config.js")).toThrow(/could not be parsed/);
  });
});

describe("a VitePress config that is not static", () => {
  it("falls back to the folder order with a warning", () => {
    const book = splitBook(
      upload({
        "docs/.vitepress/config.ts": `import { generateSidebar } from "vitepress-sidebar";
export default { themeConfig: { sidebar: generateSidebar({ documentRootPath: "docs" }) } };`,
        "docs/1-start.md": "# Start\n\nGo.\n",
        "docs/2-usage/1-a.md": "# A\n\na\n",
        "docs/2-usage/2-b.md": "# B\n\nb\n",
        "docs/10-end.md": "# End\n\nz\n",
      }),
    );
    expect(book.format).toBe("vitepress");
    expect(book.warnings).toEqual([
      expect.objectContaining({ code: "sidebar_not_static", path: "docs/.vitepress/config.ts" }),
    ]);
    expect(book.chapters.map((c) => c.title)).toEqual(["Start", "A", "B", "End"]);
    expect(book.parts.map((p) => p.title)).toEqual(["usage"]);
  });
});
