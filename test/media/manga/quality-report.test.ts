import { describe, expect, it } from "vitest";
import { layoutPage } from "../../../workers/media/manga/layout/layout-page.ts";
import { letterPanel } from "../../../workers/media/manga/lettering/place-balloons.ts";
import { qualityReport, type ReportPage } from "../../../workers/media/manga/quality-report.ts";
import type { LetteringItem, PanelIntent } from "../../../workers/media/manga/types.ts";

const panel = (id: string): PanelIntent => ({
  id,
  shot: "medium",
  angle: "eye-level",
  characters: ["aoi"],
  action: "",
});

function page(items: Record<string, LetteringItem[]>): ReportPage {
  const layout = layoutPage({ page: 4, panels: [panel("a"), panel("b"), panel("c")] }, "rtl");
  const lettering = Object.fromEntries(
    layout.panels.map((p) => [p.intent.id, letterPanel(p, items[p.intent.id] ?? [], "rtl").balloons]),
  );
  return { layout, images: { a: true, b: true, c: true }, lettering, items };
}

describe("qualityReport", () => {
  it("finds nothing wrong with a laid-out, lettered page with images", () => {
    expect(qualityReport([page({ a: [{ kind: "speech", text: "おはよう！", speakerId: "aoi" }] })])).toEqual(
      [],
    );
  });

  it("reports missing images by page and panel", () => {
    const p = page({});
    p.images = { a: true };
    const findings = qualityReport([p]);
    expect(findings.map((f) => [f.code, f.page, f.panelId])).toEqual([
      ["missing_image", 4, "b"],
      ["missing_image", 4, "c"],
    ]);
  });

  it("reports text that was cut and text that found no room", () => {
    const flood = "とても長い台詞が続いてしまう。".repeat(30);
    const items = { a: Array.from({ length: 6 }, (): LetteringItem => ({ kind: "speech", text: flood })) };
    const p = page(items);
    const findings = qualityReport([p]).filter((f) => f.code === "text_overflow");
    // One finding per balloon that was cut and per item left off: nothing goes unreported.
    const balloons = p.lettering.a ?? [];
    const expected = balloons.filter((b) => b.overflow).length + (items.a.length - balloons.length);
    expect(expected).toBeGreaterThanOrEqual(2);
    expect(findings).toHaveLength(expected);
    expect(findings.some((f) => f.message.includes("is cut"))).toBe(true);
    expect(findings.some((f) => f.message.includes("not on the page"))).toBe(true);
  });

  it("reports a balloon a reviewer dragged onto another or out of its panel", () => {
    const p = page({
      a: [
        { kind: "speech", text: "一つ目" },
        { kind: "caption", text: "二つ目" },
      ],
    });
    const [first, second] = p.lettering.a!;
    second!.box = { ...first!.box, x: first!.box.x + 5 };
    const moved = { ...first!, box: { ...first!.box, x: first!.box.x - 2000 } };
    p.lettering.b = [moved];
    const codes = qualityReport([p]).map((f) => `${f.code}:${f.panelId}`);
    expect(codes).toContain("balloon_overlap:a");
    expect(codes).toContain("balloon_outside_panel:b");
  });

  it("includes the layout's problems (reading order)", () => {
    const p = page({});
    p.layout.panels[0]!.readingOrder = 2;
    p.layout.panels[1]!.readingOrder = 1;
    expect(qualityReport([p]).map((f) => f.code)).toContain("reading_order");
  });
});
