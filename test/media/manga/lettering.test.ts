import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FONT_SIZES } from "../../../workers/media/manga/lettering/fit-balloon.ts";
import { letterPanel } from "../../../workers/media/manga/lettering/place-balloons.ts";
import { verticalColumns, verticalGlyphForm } from "../../../workers/media/manga/lettering/vertical-text.ts";
import { stageFigures } from "../../../workers/media/manga/staging.ts";
import {
  SHOTS,
  type LaidOutPanel,
  type LetteringItem,
  type PanelRect,
} from "../../../workers/media/manga/types.ts";

const panelOf = (
  rect: PanelRect,
  characters: string[] = ["aoi", "ren"],
  shot: LaidOutPanel["intent"]["shot"] = "medium",
): LaidOutPanel => ({
  intent: { id: "p1", shot, angle: "eye-level", characters, action: "" },
  rect,
  readingOrder: 1,
  row: 0,
});

const japanese = fc
  .array(fc.constantFrom(..."あいうえおかきくけこ漫画世界、。ー「」！？…行くぞ"), {
    minLength: 1,
    maxLength: 60,
  })
  .map((c) => c.join(""));
const english = fc
  .array(fc.constantFrom("we", "have", "to", "go", "now!", "Wait", "for", "me,", "Aoi.", "extraordinarily"), {
    minLength: 1,
    maxLength: 25,
  })
  .map((w) => w.join(" "));
const item: fc.Arbitrary<LetteringItem> = fc.record(
  {
    kind: fc.constantFrom("speech", "thought", "caption", "sfx"),
    text: fc.oneof(japanese, english),
    speakerId: fc.constantFrom("aoi", "ren", "nobody"),
  },
  { requiredKeys: ["kind", "text"] },
);
const rect = fc.record({
  x: fc.integer({ min: 50, max: 400 }),
  y: fc.integer({ min: 60, max: 600 }),
  w: fc.integer({ min: 140, max: 900 }),
  h: fc.integer({ min: 140, max: 800 }),
});

function inside(outer: PanelRect, inner: PanelRect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w + 1e-9 &&
    inner.y + inner.h <= outer.y + outer.h + 1e-9
  );
}

describe("letterPanel", () => {
  it("keeps every balloon and tail inside the panel and never overlaps two balloons", () => {
    fc.assert(
      fc.property(
        rect,
        fc.array(item, { maxLength: 6 }),
        fc.constantFrom("rtl" as const, "ltr" as const),
        fc.constantFrom(...SHOTS),
        (r, items, direction, shot) => {
          const lettering = letterPanel(panelOf(r, ["aoi", "ren"], shot), items, direction);
          for (const b of lettering.balloons) {
            expect(inside(r, b.box)).toBe(true);
            if (b.tail) expect(inside(r, { ...b.tail, w: 0, h: 0 })).toBe(true);
          }
          for (const a of lettering.balloons) {
            for (const b of lettering.balloons) {
              if (a === b) continue;
              const apart =
                a.box.x + a.box.w <= b.box.x ||
                b.box.x + b.box.w <= a.box.x ||
                a.box.y + a.box.h <= b.box.y ||
                b.box.y + b.box.h <= a.box.y;
              expect(apart).toBe(true);
            }
          }
          // Nothing is lost: every item is set, or listed as unplaced.
          const accounted = [...lettering.balloons.map((b) => b.itemIndex), ...lettering.unplaced].sort();
          expect(accounted).toEqual(items.map((_, i) => i).sort());
        },
      ),
      { numRuns: 150 },
    );
  });

  it("sets all the text of balloons that did not overflow", () => {
    fc.assert(
      fc.property(rect, item, (r, it) => {
        const [balloon] = letterPanel(panelOf(r), [it], "rtl").balloons;
        if (!balloon || balloon.overflow) return;
        const squash = (s: string) => s.replace(/\s+/g, "");
        expect(squash(balloon.lines.join(""))).toBe(squash(it.text));
      }),
      { numRuns: 150 },
    );
  });

  const big = { x: 100, y: 100, w: 600, h: 500 };

  it("sets Japanese vertically on rtl pages and English horizontally", () => {
    const ja = letterPanel(
      panelOf(big),
      [{ kind: "speech", text: "ちょっと待って！今行くから", speakerId: "aoi" }],
      "rtl",
    );
    expect(ja.balloons[0]?.vertical).toBe(true);
    expect(ja.balloons[0]!.box.h).toBeGreaterThan(ja.balloons[0]!.box.w);
    const jaLtr = letterPanel(panelOf(big), [{ kind: "speech", text: "ちょっと待って！" }], "ltr");
    expect(jaLtr.balloons[0]?.vertical).toBe(false);
    const en = letterPanel(panelOf(big), [{ kind: "speech", text: "Wait for me, I am coming!" }], "rtl");
    expect(en.balloons[0]?.vertical).toBe(false);
  });

  it("points the tail from the balloon toward the speaker's head", () => {
    for (const speakerId of ["aoi", "ren"]) {
      const panel = panelOf(big, ["aoi", "ren"], "full");
      const [balloon] = letterPanel(
        panel,
        [{ kind: "speech", text: "Over here!", speakerId }],
        "ltr",
      ).balloons;
      const head = stageFigures(panel.rect, "full", ["aoi", "ren"]).find(
        (f) => f.characterId === speakerId,
      )!.head;
      const centre = { x: balloon!.box.x + balloon!.box.w / 2, y: balloon!.box.y + balloon!.box.h / 2 };
      const tail = balloon!.tail!;
      expect(Math.hypot(tail.x - head.x, tail.y - head.y)).toBeLessThan(
        Math.hypot(centre.x - head.x, centre.y - head.y),
      );
    }
  });

  it("shrinks the font before overflowing, then reports overflow instead of dropping text", () => {
    const long = "This is a very long line of dialogue that keeps going. ".repeat(3);
    const roomy = letterPanel(panelOf(big), [{ kind: "speech", text: "Hi!" }], "ltr").balloons[0]!;
    const shrunk = letterPanel(
      panelOf({ x: 0, y: 0, w: 300, h: 260 }),
      [{ kind: "speech", text: long }],
      "ltr",
    ).balloons[0]!;
    expect(roomy.fontSize).toBe(FONT_SIZES.speech.base);
    expect(shrunk.fontSize).toBeLessThan(FONT_SIZES.speech.base);
    expect(shrunk.overflow).toBe(false);
    const tiny = letterPanel(
      panelOf({ x: 0, y: 0, w: 140, h: 140 }),
      [{ kind: "speech", text: long.repeat(3) }],
      "ltr",
    );
    expect(tiny.balloons[0]?.overflow).toBe(true);
    expect(tiny.balloons[0]?.fontSize).toBe(FONT_SIZES.speech.min);
    expect(tiny.balloons[0]?.lines.at(-1)?.endsWith("…")).toBe(true);
  });

  it("puts a caption in the reading-start top corner", () => {
    const [caption] = letterPanel(panelOf(big), [{ kind: "caption", text: "その夜——" }], "rtl").balloons;
    expect(caption!.box.y).toBeCloseTo(big.y + 8);
    expect(caption!.box.x + caption!.box.w).toBeCloseTo(big.x + big.w - 8);
  });

  it("is deterministic", () => {
    const items: LetteringItem[] = [
      { kind: "speech", text: "行くぞ！", speakerId: "aoi" },
      { kind: "sfx", text: "ドン" },
    ];
    expect(JSON.stringify(letterPanel(panelOf(big), items, "rtl"))).toBe(
      JSON.stringify(letterPanel(panelOf(big), items, "rtl")),
    );
  });
});

describe("verticalColumns", () => {
  it("never starts a column with closing punctuation or the long-vowel mark", () => {
    // Syllables: a kana, sometimes followed by one mark that must not start a column.
    const syllable = fc.tuple(
      fc.constantFrom(..."あいうえおかきく"),
      fc.constantFrom("", "、", "。", "ー", "」", "！"),
    );
    fc.assert(
      fc.property(
        fc.array(syllable, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 8 }),
        (syllables, size) => {
          const text = syllables.map(([kana, mark]) => kana + mark).join("");
          const columns = verticalColumns(text, size);
          expect(columns.join("")).toBe(text);
          for (const column of columns) expect("、。ー」！").not.toContain([...column][0]);
        },
      ),
    );
  });

  it("turns the long-vowel mark, brackets and Latin letters sideways; moves 、。 to the corner", () => {
    expect(verticalGlyphForm("ー")).toBe("rotated");
    expect(verticalGlyphForm("「")).toBe("rotated");
    expect(verticalGlyphForm("A")).toBe("rotated");
    expect(verticalGlyphForm("。")).toBe("corner");
    expect(verticalGlyphForm("あ")).toBe("upright");
  });
});
