import { describe, expect, it } from "vitest";
import { inlineCssVariables } from "../../../workers/media/render/css-variables.ts";
import { mermaidToSvg } from "../../../workers/media/render/mermaid-to-svg.ts";

describe("mermaidToSvg", () => {
  it("renders flowchart, sequence, state, class and ER diagrams to static SVG", async () => {
    const diagrams = [
      "flowchart LR\n  A[入力] --> B[出力]",
      "sequenceDiagram\n  A->>B: 依頼\n  B-->>A: 応答",
      "stateDiagram-v2\n  [*] --> 待機\n  待機 --> [*]",
      "classDiagram\n  Animal <|-- Duck",
      "erDiagram\n  BOOK ||--o{ CHAPTER : has",
    ];
    for (const code of diagrams) {
      const svg = await mermaidToSvg(code);
      expect(svg.startsWith("<svg"), code).toBe(true);
      expect(svg, code).not.toMatch(/var\(|color-mix/);
    }
  });

  it("reports diagram types it cannot draw instead of guessing", async () => {
    for (const code of ['pie title P\n  "a": 1', "gantt\n  title G", "mindmap\n  root((x))", "no diagram"]) {
      await expect(mermaidToSvg(code), code).rejects.toThrow(
        expect.objectContaining({ code: "mermaid_invalid" }),
      );
    }
  });
});

describe("inlineCssVariables", () => {
  it("evaluates var() with fallbacks and sRGB color-mix()", () => {
    const svg =
      '<svg style="--bg:#ffffff;--fg:#000000"><style>svg { --_line: var(--line, color-mix(in srgb, var(--fg) 50%, var(--bg))); }</style>' +
      '<path stroke="var(--_line)" fill="var(--bg)"/></svg>';
    const out = inlineCssVariables(svg);
    expect(out).toContain('stroke="#808080"');
    expect(out).toContain('fill="#ffffff"');
    expect(out).not.toContain("--_line");
  });

  it("survives self-referencing definitions", () => {
    const out = inlineCssVariables('<svg style="--a:var(--a)"><rect fill="var(--a)"/></svg>');
    expect(out).toContain("<rect");
  });
});
