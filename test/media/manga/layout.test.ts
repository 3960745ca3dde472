import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutPage } from "../../../workers/media/manga/layout/layout-page.ts";
import { readingOrderOf, renumberReadingOrder } from "../../../workers/media/manga/layout/reading-order.ts";
import { validateLayout } from "../../../workers/media/manga/layout/validate-layout.ts";
import {
  CAMERA_ANGLES,
  GUTTER_X,
  GUTTER_Y,
  MAX_PANELS_PER_PAGE,
  MIN_PANEL_HEIGHT,
  MIN_PANEL_WIDTH,
  PAGE_HEIGHT,
  PAGE_MARGINS,
  PAGE_WIDTH,
  SHOTS,
  type PageLayout,
  type PanelIntent,
  type ReadingDirection,
} from "../../../workers/media/manga/types.ts";

const anyNumber = fc.oneof(
  fc.double({ min: -5000, max: 5000, noNaN: true }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -1, 1e9),
);

/** Intents as a model might send them: overlapping, out of bounds, nonsense weights and hints. */
const panelIntent = (id: number) =>
  fc.record(
    {
      id: fc.constant(`p${id}`),
      weight: anyNumber,
      shot: fc.constantFrom(...SHOTS),
      angle: fc.constantFrom(...CAMERA_ANGLES),
      characters: fc.array(fc.constantFrom("a", "b", "c"), { maxLength: 3 }),
      action: fc.string(),
      row: fc.oneof(fc.integer({ min: -3, max: 12 }), anyNumber),
      rect: fc.record({ x: anyNumber, y: anyNumber, w: anyNumber, h: anyNumber }),
    },
    { requiredKeys: ["id", "shot", "angle", "characters", "action"] },
  );

/** Mixed hints, or every panel with a rect (grouped by rect), or every panel with a row hint. */
const pageIntent = fc
  .tuple(fc.integer({ min: 0, max: 14 }), fc.constantFrom("mixed", "rects", "rows"))
  .chain(([count, mode]) =>
    fc
      .tuple(
        ...Array.from({ length: count }, (_, i) => panelIntent(i + 1)),
        fc.array(fc.record({ x: anyNumber, y: anyNumber, w: anyNumber, h: anyNumber }), {
          minLength: count,
          maxLength: count,
        }),
      )
      .map((generated) => {
        const rects = generated.pop() as PanelIntent["rect"][];
        const panels = (generated as PanelIntent[]).map((panel, i) => {
          if (mode === "rects") return { ...panel, row: undefined, rect: rects[i] };
          if (mode === "rows")
            return { ...panel, row: Number.isFinite(panel.row) ? Math.round(panel.row!) : i };
          return panel;
        });
        return { page: 1, panels };
      }),
  );

const direction = fc.constantFrom<ReadingDirection>("rtl", "ltr");

/** Checks written independently of validateLayout, so that a bug in one does not hide the other. */
function assertValidGeometry(layout: PageLayout): void {
  const right = PAGE_WIDTH - PAGE_MARGINS.right;
  const bottom = PAGE_HEIGHT - PAGE_MARGINS.bottom;
  for (const { rect } of layout.panels) {
    expect(rect.x).toBeGreaterThanOrEqual(PAGE_MARGINS.left);
    expect(rect.y).toBeGreaterThanOrEqual(PAGE_MARGINS.top);
    expect(rect.x + rect.w).toBeLessThanOrEqual(right + 1e-6);
    expect(rect.y + rect.h).toBeLessThanOrEqual(bottom + 1e-6);
    expect(rect.w).toBeGreaterThanOrEqual(MIN_PANEL_WIDTH);
    expect(rect.h).toBeGreaterThanOrEqual(MIN_PANEL_HEIGHT);
  }
  for (const a of layout.panels) {
    for (const b of layout.panels) {
      if (a === b) continue;
      const apartX =
        a.rect.x + a.rect.w + GUTTER_X - 0.02 <= b.rect.x ||
        b.rect.x + b.rect.w + GUTTER_X - 0.02 <= a.rect.x;
      const apartY =
        a.rect.y + a.rect.h + GUTTER_Y - 0.02 <= b.rect.y ||
        b.rect.y + b.rect.h + GUTTER_Y - 0.02 <= a.rect.y;
      expect(apartX || apartY, `${a.intent.id} and ${b.intent.id} keep a gutter apart`).toBe(true);
    }
  }
}

function assertReadingOrder(layout: PageLayout): void {
  const ordered = [...layout.panels].sort((a, b) => a.readingOrder - b.readingOrder);
  expect(ordered.map((p) => p.readingOrder)).toEqual(ordered.map((_, i) => i + 1));
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1]!;
    const next = ordered[i]!;
    if (next.row === prev.row) {
      // Same row: the next panel is further along the reading direction.
      if (layout.direction === "rtl") expect(next.rect.x + next.rect.w).toBeLessThan(prev.rect.x);
      else expect(next.rect.x).toBeGreaterThan(prev.rect.x + prev.rect.w);
    } else {
      expect(next.row).toBe(prev.row + 1);
      expect(next.rect.y).toBeGreaterThan(prev.rect.y + prev.rect.h);
    }
  }
}

describe("layoutPage", () => {
  it("turns any intent into panels inside the margins, apart by gutters, in reading order", () => {
    fc.assert(
      fc.property(pageIntent, direction, (intent, dir) => {
        const layout = layoutPage(intent, dir);
        expect(layout.panels.length + layout.overflowPanelIds.length).toBe(intent.panels.length);
        expect(layout.panels.length).toBe(Math.min(intent.panels.length, MAX_PANELS_PER_PAGE));
        assertValidGeometry(layout);
        assertReadingOrder(layout);
        expect(validateLayout(layout).filter((f) => f.severity === "error")).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(pageIntent, direction, (intent, dir) => {
        expect(JSON.stringify(layoutPage(intent, dir))).toBe(JSON.stringify(layoutPage(intent, dir)));
      }),
      { numRuns: 50 },
    );
  });

  const panel = (id: string, extra: Partial<PanelIntent> = {}): PanelIntent => ({
    id,
    shot: "medium",
    angle: "eye-level",
    characters: [],
    action: "",
    ...extra,
  });

  it("reads right to left in rtl and left to right in ltr", () => {
    const intent = { page: 3, panels: [panel("a"), panel("b"), panel("c")] };
    const rtl = layoutPage(intent, "rtl");
    const [a, b, c] = rtl.panels;
    expect(a!.rect.x).toBeGreaterThan(b!.rect.x); // a is on the right, read first
    expect(c!.rect.y).toBeGreaterThan(a!.rect.y); // c starts the next row
    const ltr = layoutPage(intent, "ltr");
    expect(ltr.panels[0]!.rect.x).toBeLessThan(ltr.panels[1]!.rect.x);
  });

  it("follows the requested rectangles' rows and proportions when they are usable", () => {
    // Two rows asked for, the top one split 2:1 (the big panel on the right, read first in rtl).
    const intent = {
      page: 1,
      panels: [
        panel("small-left", { rect: { x: 60, y: 60, w: 280, h: 500 } }),
        panel("big-right", { rect: { x: 360, y: 70, w: 580, h: 500 } }),
        panel("bottom", { rect: { x: 60, y: 600, w: 880, h: 700 } }),
      ],
    };
    const layout = layoutPage(intent, "rtl");
    expect(layout.panels.map((p) => p.intent.id)).toEqual(["big-right", "small-left", "bottom"]);
    const [big, small] = layout.panels;
    expect(big!.rect.w / small!.rect.w).toBeCloseTo(580 / 280, 1);
    expect(layout.panels[2]!.rect.w).toBeCloseTo(PAGE_WIDTH - PAGE_MARGINS.left - PAGE_MARGINS.right);
  });

  it("gives an establishing shot a row of its own", () => {
    const layout = layoutPage(
      { page: 1, panels: [panel("a", { shot: "establishing" }), panel("b"), panel("c")] },
      "rtl",
    );
    expect(layout.panels.map((p) => p.row)).toEqual([0, 1, 1]);
  });

  it("carries panels over the page maximum instead of cramming them", () => {
    const panels = Array.from({ length: 12 }, (_, i) => panel(`p${i}`));
    const layout = layoutPage({ page: 1, panels }, "rtl");
    expect(layout.overflowPanelIds).toEqual(["p9", "p10", "p11"]);
    expect(validateLayout(layout).map((f) => f.code)).toEqual(["panels_overflow"]);
  });
});

describe("validateLayout", () => {
  const base = layoutPage(
    {
      page: 2,
      panels: ["a", "b", "c", "d"].map((id) => ({
        id,
        shot: "medium" as const,
        angle: "eye-level" as const,
        characters: [],
        action: "",
      })),
    },
    "rtl",
  );

  it("accepts the engine's layout", () => {
    expect(validateLayout(base)).toEqual([]);
  });

  it("reports a panel moved onto its neighbour and out of the margins", () => {
    const moved = structuredClone(base);
    moved.panels[1]!.rect = { ...moved.panels[0]!.rect, x: moved.panels[0]!.rect.x + 30 };
    const codes = validateLayout(moved).map((f) => `${f.code}:${f.panelId ?? ""}`);
    expect(codes).toContain("panel_outside_margins:b");
    expect(codes).toContain("panel_overlap:b");
  });

  it("reports a panel resized below the minimum", () => {
    const resized = structuredClone(base);
    resized.panels[2]!.rect = { ...resized.panels[2]!.rect, w: 80 };
    expect(validateLayout(resized).map((f) => f.code)).toContain("panel_too_small");
  });

  it("accepts a reviewer's move once the reading order is renumbered from the geometry", () => {
    const moved = structuredClone(base);
    // Swap the two panels of the first row: b now sits on the right, so it is read first.
    const [a, b] = [moved.panels[0]!, moved.panels[1]!];
    [a.rect, b.rect] = [b.rect, a.rect];
    expect(validateLayout(moved).map((f) => f.code)).toEqual(["reading_order"]);
    const renumbered = renumberReadingOrder(moved);
    expect(renumbered.panels.map((p) => p.intent.id)).toEqual(["b", "a", "c", "d"]);
    expect(validateLayout(renumbered)).toEqual([]);
  });

  it("reports a reading order that runs against the direction", () => {
    const swapped = structuredClone(base);
    swapped.panels[0]!.readingOrder = 2;
    swapped.panels[1]!.readingOrder = 1;
    const finding = validateLayout(swapped).find((f) => f.code === "reading_order");
    expect(finding?.message).toContain("expected a → b → c → d");
    // The same geometry read as ltr is wrong too: a is on the right.
    expect(validateLayout({ ...base, direction: "ltr" }).map((f) => f.code)).toContain("reading_order");
  });
});

describe("readingOrderOf", () => {
  it("reads a tall right panel first, then the stacked left ones top to bottom (rtl)", () => {
    const rects = [
      { x: 50, y: 60, w: 400, h: 300 }, // left top
      { x: 500, y: 60, w: 450, h: 700 }, // right, two rows tall
      { x: 50, y: 400, w: 400, h: 360 }, // left bottom
      { x: 50, y: 800, w: 900, h: 500 }, // bottom strip
    ];
    expect(readingOrderOf(rects, "rtl")).toEqual([1, 0, 2, 3]);
    expect(readingOrderOf(rects, "ltr")).toEqual([0, 2, 1, 3]);
  });
});
