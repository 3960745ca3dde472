/**
 * The manga pipeline's calls into the media library (workers/media/manga, pure functions):
 * each is one line here, so the steps read in the pipeline's terms (storyboard pages, panels)
 * and the library keeps its own (intents, layouts, balloons).
 */
import { layoutPage } from "../../media/manga/layout/layout-page";
import { validateLayout } from "../../media/manga/layout/validate-layout";
import { letterPanel } from "../../media/manga/lettering/place-balloons";
import { composePageSvg as composeSvg } from "../../media/manga/compose/compose-page-svg";
import { storyboardSvg } from "../../media/manga/compose/storyboard-svg";
import { buildCbz } from "../../media/manga/export/build-cbz";
import { qualityReport } from "../../media/manga/quality-report";
import type {
  Balloon,
  BookInfo,
  CharacterLook,
  ComposedPage,
  Quality,
  LetteringItem,
  PageIntent,
  PageLayout,
  PanelIntent,
  QualityFinding,
  ReadingDirection,
} from "../../media/manga/types";
import type { StoryboardPanel } from "./schemas/storyboard";

type BoardPage = { page: number; panels: StoryboardPanel[] };

/** The layout engine's view of a storyboard page (panels kept where the board puts them). */
export function layoutOfBoardPage(page: BoardPage, direction: ReadingDirection): PageLayout {
  const panels = [...page.panels].sort((a, b) => a.readingOrder - b.readingOrder);
  return {
    page: page.page,
    direction,
    panels: panels.map((p) => ({
      intent: intentOf(p),
      rect: p.rect,
      readingOrder: p.readingOrder,
      row: p.row,
    })),
    overflowPanelIds: [],
  };
}

export function intentOf(
  panel: Omit<StoryboardPanel, "rect" | "readingOrder" | "row"> & { rect?: StoryboardPanel["rect"] },
): PanelIntent {
  return {
    id: panel.id,
    shot: panel.shot,
    angle: panel.angle,
    characters: panel.characters,
    action: panel.action,
    ...(panel.setting ? { setting: panel.setting } : {}),
    ...(panel.rect ? { rect: panel.rect } : {}),
  };
}

/** Geometry problems of a storyboard page (overlaps, margins, size, reading order): errors only. */
export function checkPageGeometry(page: BoardPage, direction: ReadingDirection): QualityFinding[] {
  return validateLayout(layoutOfBoardPage(page, direction)).filter((f) => f.severity === "error");
}

/** Valid geometry for a page of panel intents (the layout engine decides rows and sizes). */
export function layOut(intent: PageIntent, direction: ReadingDirection): PageLayout {
  return layoutPage(intent, direction);
}

/** Balloons for every panel of a page (the engine sets Japanese vertically on rtl pages). */
export function letterPage(
  layout: PageLayout,
  items: Map<string, LetteringItem[]>,
): Record<string, Balloon[]> {
  return Object.fromEntries(
    layout.panels.map((panel) => [
      panel.intent.id,
      letterPanel(panel, items.get(panel.intent.id) ?? [], layout.direction).balloons,
    ]),
  );
}

/** A page as one SVG: borders, panel images, balloons, page number. */
export function composePageSvg(page: ComposedPage): string {
  return composeSvg(page);
}

/** The storyboard's rough drawing of a page: boxes, figures as outlines, reading order, notes. */
export function roughStoryboardSvg(layout: PageLayout, looks: CharacterLook[]): string {
  return storyboardSvg(layout, looks);
}

/** A page composition as PNG at one of the five fixed widths. */
export async function renderPng(svg: string, quality: Quality): Promise<Uint8Array> {
  // Loaded when first needed, like the book's renderers: the rasteriser (resvg WASM, the font)
  // and pdf-lib stay out of the Worker's start-up and out of every test that never draws a page.
  const { renderPagePng } = await import("../../media/manga/compose/render-page-png");
  return (await renderPagePng(svg, quality)).png;
}

/** Text overflow, balloon overlaps, reading-order problems, missing images — over all pages. */
export function qualityFindings(
  pages: (ComposedPage & { items?: Record<string, LetteringItem[] | undefined> })[],
): QualityFinding[] {
  return qualityReport(pages);
}

/** The pages (PNG, in reading order) as a CBZ with ComicInfo.xml, what comic readers open. */
export function cbzOf(pages: Uint8Array[], info: BookInfo): Uint8Array {
  return buildCbz(pages, info);
}

/** The pages as a PDF, one PDF page per manga page. */
export async function pdfOf(pages: Uint8Array[], info: BookInfo): Promise<Uint8Array> {
  const { buildPdf } = await import("../../media/manga/export/build-pdf");
  return buildPdf(pages, info);
}
