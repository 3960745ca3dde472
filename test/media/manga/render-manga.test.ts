// Rasterises manga pages with resvg-wasm inside workerd (its own vitest project: see
// RENDER_TESTS in vitest.config.ts), then packs them as CBZ and PDF as the exports do.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { unzipSync, strFromU8 } from "fflate";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  characterSheetSvg,
  SHEET_HEIGHT,
  SHEET_WIDTH,
} from "../../../workers/media/manga/art/character-sheet.ts";
import { panelArtSvg } from "../../../workers/media/manga/art/panel-art.ts";
import { composePageSvg } from "../../../workers/media/manga/compose/compose-page-svg.ts";
import { renderPagePng } from "../../../workers/media/manga/compose/render-page-png.ts";
import { storyboardSvg } from "../../../workers/media/manga/compose/storyboard-svg.ts";
import { buildCbz } from "../../../workers/media/manga/export/build-cbz.ts";
import { buildPdf } from "../../../workers/media/manga/export/build-pdf.ts";
import { layoutPage } from "../../../workers/media/manga/layout/layout-page.ts";
import { textArea } from "../../../workers/media/manga/lettering/set-text.ts";
import { letterPanel } from "../../../workers/media/manga/lettering/place-balloons.ts";
import {
  PAGE_WIDTH,
  QUALITIES,
  QUALITY_WIDTHS,
  qualityHeight,
  type Balloon,
  type CharacterLook,
  type ComposedPage,
  type PanelRect,
} from "../../../workers/media/manga/types.ts";
import { rasterInfo } from "../../../workers/media/render/image-size.ts";
import { decodePng, type Pixels } from "../../support/decode-png.ts";

const looks: CharacterLook[] = [
  {
    id: "aoi",
    name: "青井 葵",
    hair: "long black hair in a ponytail",
    eyes: "large brown eyes",
    build: "slim",
    outfit: "navy sailor school uniform with a red scarf",
    palette: { hair: "#222233", eyes: "#7a4a2a", skin: "#f6e0cc", outfit: "#2c3e66", accent: "#c0392b" },
  },
];

function makePage(pageNumber: number, withImages: boolean): ComposedPage {
  const layout = layoutPage(
    {
      page: pageNumber,
      panels: [
        {
          id: `p${pageNumber}-1`,
          shot: "wide",
          angle: "high",
          characters: ["aoi"],
          action: "朝の通学路",
          setting: "street",
        },
        {
          id: `p${pageNumber}-2`,
          shot: "close-up",
          angle: "eye-level",
          characters: ["aoi"],
          action: "驚く！",
        },
      ],
    },
    "rtl",
  );
  const encoder = new TextEncoder();
  const images: ComposedPage["images"] = {};
  const lettering: ComposedPage["lettering"] = {};
  for (const panel of layout.panels) {
    if (withImages) {
      const svg = panelArtSvg({ panel: panel.intent, width: panel.rect.w, height: panel.rect.h, looks });
      images[panel.intent.id] = { mimeType: "image/svg+xml", bytes: encoder.encode(svg) };
    }
    lettering[panel.intent.id] = letterPanel(
      panel,
      [{ kind: "speech", text: "ちょっと待ってー！遅刻しちゃう", speakerId: "aoi" }],
      "rtl",
    ).balloons;
  }
  return { layout, images, lettering, language: "ja" };
}

/** Dark pixels (luminance < 110) inside `rect` (page units) of a page rendered at `pixels.width`. */
function darkPixels(pixels: Pixels, rect: PanelRect): { count: number; box: PanelRect | undefined } {
  const scale = pixels.width / PAGE_WIDTH;
  let count = 0;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = Math.ceil(rect.y * scale); y < Math.floor((rect.y + rect.h) * scale); y++) {
    for (let x = Math.ceil(rect.x * scale); x < Math.floor((rect.x + rect.w) * scale); x++) {
      const i = (y * pixels.width + x) * 4;
      const luminance = 0.299 * pixels.data[i]! + 0.587 * pixels.data[i + 1]! + 0.114 * pixels.data[i + 2]!;
      if (luminance < 110) {
        count++;
        [minX, minY, maxX, maxY] = [
          Math.min(minX, x),
          Math.min(minY, y),
          Math.max(maxX, x),
          Math.max(maxY, y),
        ];
      }
    }
  }
  return { count, box: count ? { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 } : undefined };
}

describe("manga pages rendered in workerd", () => {
  it("renders a page at each quality's exact width and page height", async () => {
    const svg = composePageSvg(makePage(1, true));
    for (const quality of QUALITIES) {
      const { png, width, height } = await renderPagePng(svg, quality);
      expect([width, height]).toEqual([QUALITY_WIDTHS[quality], qualityHeight(quality)]);
      expect(rasterInfo(png)).toEqual({
        type: "png",
        width: QUALITY_WIDTHS[quality],
        height: qualityHeight(quality),
      });
    }
  });

  it("sets Japanese vertically: ink in a tall column inside the balloon, none without the text", async () => {
    const page = makePage(1, false);
    const balloon = Object.values(page.lettering).flat()[0] as Balloon;
    expect(balloon.vertical).toBe(true);
    const area = textArea(balloon.kind, balloon.box, balloon.fontSize);
    const { png } = await renderPagePng(composePageSvg(page), "medium");
    const ink = darkPixels(decodePng(png), area);
    expect(ink.count).toBeGreaterThan(200);
    // Columns run top to bottom: the inked area is taller than it is wide.
    expect(ink.box!.h).toBeGreaterThan(ink.box!.w);
    // Control: the same balloon without text has no ink inside its text area.
    const blank = structuredClone(page);
    for (const balloons of Object.values(blank.lettering)) for (const b of balloons ?? []) b.lines = [];
    const { png: empty } = await renderPagePng(composePageSvg(blank), "medium");
    expect(darkPixels(decodePng(empty), area).count).toBe(0);
  });

  it("renders the storyboard and a character sheet", async () => {
    const page = makePage(2, false);
    const board = await renderPagePng(storyboardSvg(page.layout, looks), "preview");
    expect([board.width, board.height]).toEqual([QUALITY_WIDTHS.preview, qualityHeight("preview")]);
    const { png } = await renderPagePng(characterSheetSvg(looks[0]!), "preview");
    expect(rasterInfo(png)).toEqual({
      type: "png",
      width: 320,
      height: Math.round((320 * SHEET_HEIGHT) / SHEET_WIDTH),
    });
  });

  it("packs rendered pages as a CBZ with ComicInfo.xml and as a PDF with one page per page", async () => {
    const pages = [
      (await renderPagePng(composePageSvg(makePage(1, true)), "preview")).png,
      (await renderPagePng(composePageSvg(makePage(2, true)), "preview")).png,
      (await renderPagePng(composePageSvg(makePage(3, false)), "preview")).png,
    ];
    const info = {
      title: "星の海 <第1巻>",
      writer: "Tsumugi & co",
      language: "ja",
      direction: "rtl" as const,
    };
    const cbz = buildCbz(pages, info);
    expect(buildCbz(pages, info)).toEqual(cbz); // same pages, same bytes
    const files = unzipSync(cbz);
    expect(Object.keys(files).sort()).toEqual(["001.png", "002.png", "003.png", "ComicInfo.xml"]);
    expect(files["002.png"]).toEqual(pages[1]);
    const xml = strFromU8(files["ComicInfo.xml"]!);
    expect(XMLValidator.validate(xml)).toBe(true);
    const comic = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      htmlEntities: true,
    }).parse(xml).ComicInfo;
    expect(comic.Title).toBe("星の海 <第1巻>");
    expect(comic.PageCount).toBe(3);
    expect(comic.Manga).toBe("YesAndRightToLeft");
    expect(comic.LanguageISO).toBe("ja");
    expect(comic.Pages.Page).toHaveLength(3);
    expect(comic.Pages.Page[2]).toMatchObject({ Image: "2", ImageWidth: "320", ImageHeight: "452" });

    const pdfBytes = await buildPdf(pages, info);
    expect(await buildPdf(pages, info)).toEqual(pdfBytes);
    const pdf = await PDFDocument.load(pdfBytes);
    expect(pdf.getPageCount()).toBe(3);
    expect(pdf.getTitle()).toBe("星の海 <第1巻>");
    const { width, height } = pdf.getPage(0).getSize();
    expect(height / width).toBeCloseTo(452 / 320, 2);
  });
});
