import { describe, expect, it } from "vitest";
import { settingKind } from "../../../workers/media/manga/art/backgrounds.ts";
import { characterSheetSvg } from "../../../workers/media/manga/art/character-sheet.ts";
import { effectFor } from "../../../workers/media/manga/art/effects.ts";
import { lookTraits } from "../../../workers/media/manga/art/look-traits.ts";
import { panelArtSvg } from "../../../workers/media/manga/art/panel-art.ts";
import { stageFigures } from "../../../workers/media/manga/staging.ts";
import type { CharacterLook, PanelIntent } from "../../../workers/media/manga/types.ts";

const aoi: CharacterLook = {
  id: "aoi",
  name: "青井 <葵>",
  hair: "長い黒髪のポニーテール",
  eyes: "large brown eyes",
  build: "小柄",
  outfit: "セーラー服",
  palette: { hair: "#222233", eyes: "#7a4a2a", skin: "#f6e0cc", outfit: "#2c3e66", accent: "#c0392b" },
};
const panel = (extra: Partial<PanelIntent> = {}): PanelIntent => ({
  id: "p1",
  shot: "medium",
  angle: "eye-level",
  characters: ["aoi"],
  action: "walks",
  setting: "street",
  ...extra,
});

/** Active or external content an image must never carry. */
function assertInert(svg: string): void {
  expect(svg).not.toMatch(/<script|on\w+=|javascript:|<foreignObject/i);
  expect(svg.replaceAll('xmlns="http://www.w3.org/2000/svg"', "")).not.toMatch(/https?:/);
}

describe("panel art", () => {
  it("is the same SVG for the same panel, and inert", () => {
    const a = panelArtSvg({ panel: panel(), width: 400, height: 300, looks: [aoi] });
    expect(panelArtSvg({ panel: panel(), width: 400, height: 300, looks: [aoi] })).toBe(a);
    assertInert(a);
    expect(a).toContain(aoi.palette.hair);
    expect(a).toContain(aoi.palette.outfit);
  });

  it("frames by shot: a close-up's head is several times a wide shot's", () => {
    const rect = { x: 0, y: 0, w: 400, h: 300 };
    const close = stageFigures(rect, "close-up", ["aoi"])[0]!.headRadius;
    const wide = stageFigures(rect, "wide", ["aoi"])[0]!.headRadius;
    expect(close / wide).toBeGreaterThan(4);
  });

  it("chooses backgrounds and effects from words in either language", () => {
    expect(settingKind("a busy street")).toBe("city"); // not "forest" for the "tree" in street
    expect(settingKind("夜の教室")).toBe("school");
    expect(settingKind("砂浜と海")).toBe("sea");
    expect(settingKind("somewhere")).toBe("generic");
    expect(effectFor("He punches the wall!!")).toBe("impact");
    expect(effectFor("彼女は駅まで走った")).toBe("motion");
    expect(effectFor("雨の中で泣いている")).toBe("tone");
    expect(effectFor("drinks tea")).toBe("none");
    // Motion draws speed lines that a calm panel does not have.
    const calm = panelArtSvg({ panel: panel(), width: 400, height: 300, looks: [aoi] });
    const running = panelArtSvg({
      panel: panel({ action: "Aoi runs" }),
      width: 400,
      height: 300,
      looks: [aoi],
    });
    expect(running.length).toBeGreaterThan(calm.length);
    expect(running).toContain('stroke-opacity="0.7"');
    expect(calm).not.toContain('stroke-opacity="0.7"');
  });
});

describe("character traits and sheet", () => {
  it("reads Japanese and English descriptions, and ignores colours that are not hex", () => {
    const traits = lookTraits({ ...aoi, palette: { ...aoi.palette, skin: "url(javascript:x)" } });
    expect(traits.hair).toBe("ponytail");
    expect(traits.eyes).toBe("large");
    expect(traits.height).toBeLessThan(1);
    expect(traits.outfit).toBe("uniform");
    expect(traits.skirt).toBe(true);
    expect(traits.colours.skin).toBe("#f3dcc8");
  });

  it("labels the sheet with the escaped name and shows the palette", () => {
    const svg = characterSheetSvg(aoi);
    assertInert(svg);
    expect(svg).toContain("青井 &#60;葵&#62;");
    for (const colour of Object.values(aoi.palette)) expect(svg).toContain(colour);
  });
});
