/**
 * Shared plain types of the manga media library (layout, lettering, art, composition, exports).
 * Everything geometric is in page units: a page is PAGE_WIDTH × PAGE_HEIGHT (1000 × 1414, the
 * B5 / A-series ratio 1:√2), origin top-left, y down. Pixels only appear when a page is
 * rasterised at one of the QUALITY_WIDTHS. The pipeline's zod schemas describe the same shapes
 * on the wire; these types are what the pure functions take and return.
 */

/** Page size in page units (1 : √2). */
export const PAGE_WIDTH = 1000;
export const PAGE_HEIGHT = 1414;

/** Blank space around the live area; the bottom one leaves room for the page number. */
export const PAGE_MARGINS = { top: 60, right: 50, bottom: 90, left: 50 } as const;
/** Gap between panels side by side (narrow, as in manga) and between rows (wider). */
export const GUTTER_X = 16;
export const GUTTER_Y = 26;
/** A panel smaller than this in either direction cannot hold a figure and a balloon. */
export const MIN_PANEL_WIDTH = 140;
export const MIN_PANEL_HEIGHT = 140;
/** More rows or panels per row than these cannot keep every panel above the minimum size. */
export const MAX_ROWS = 5;
export const MAX_PANELS_PER_ROW = 3;
/** Panels beyond this are not placed: layoutPage lists them in `overflowPanelIds`. */
export const MAX_PANELS_PER_PAGE = 9;

/** The live area: where panels may be. */
export const LIVE_AREA = {
  x: PAGE_MARGINS.left,
  y: PAGE_MARGINS.top,
  w: PAGE_WIDTH - PAGE_MARGINS.left - PAGE_MARGINS.right,
  h: PAGE_HEIGHT - PAGE_MARGINS.top - PAGE_MARGINS.bottom,
} as const;

/** `rtl`: Japanese manga (right-to-left within a row, rows top to bottom); `ltr`: mirrored. */
export type ReadingDirection = "rtl" | "ltr";

export const SHOTS = ["extreme-close-up", "close-up", "medium", "full", "wide", "establishing"] as const;
export type Shot = (typeof SHOTS)[number];

export const CAMERA_ANGLES = ["eye-level", "high", "low", "birds-eye", "worms-eye", "dutch"] as const;
export type CameraAngle = (typeof CAMERA_ANGLES)[number];

export interface PanelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the storyboard (model or person) asks for one panel; geometry hints may be nonsense. */
export interface PanelIntent {
  id: string;
  /** Relative size within its row / page; 1 is ordinary. Clamped to [0.5, 4]; NaN → 1. */
  weight?: number;
  shot: Shot;
  angle: CameraAngle;
  /** Ids of the CharacterLooks present, left to right as drawn. */
  characters: string[];
  /** What happens, in the story's language; drives speed lines / tones and the storyboard notes. */
  action: string;
  /** Setting words ("school classroom", "夜の街"); chooses the background. */
  setting?: string;
  /** 0-based row this panel wants to be in (panels sharing a row hint sit side by side). */
  row?: number;
  /** A rectangle the model or a reviewer asked for; used as a hint for row, width and height. */
  rect?: PanelRect;
}

export interface PageIntent {
  /** 1-based page number. */
  page: number;
  panels: PanelIntent[];
}

export interface LaidOutPanel {
  intent: PanelIntent;
  rect: PanelRect;
  /** 1-based position in reading order on its page. */
  readingOrder: number;
  /** 0-based row index, top to bottom. */
  row: number;
}

export interface PageLayout {
  page: number;
  direction: ReadingDirection;
  /** In reading order. */
  panels: LaidOutPanel[];
  /** Panels that did not fit (over MAX_PANELS_PER_PAGE): carry them to another page. */
  overflowPanelIds: string[];
}

/** Free-text description from the character phase plus the colours the art uses. */
export interface CharacterLook {
  id: string;
  name: string;
  /** e.g. "long black hair in a ponytail"; style keywords pick the hair shape. */
  hair: string;
  /** e.g. "large brown eyes". */
  eyes: string;
  /** e.g. "slim and tall", "stocky", "small child". */
  build: string;
  /** e.g. "navy school uniform with a red scarf". */
  outfit: string;
  /** Hex colours (#rgb or #rrggbb); invalid ones fall back to greys. */
  palette: { hair: string; eyes: string; skin: string; outfit: string; accent: string };
}

export type LetteringKind = "speech" | "thought" | "caption" | "sfx";

export interface LetteringItem {
  kind: LetteringKind;
  text: string;
  /** Id of the speaking CharacterLook (speech / thought): the tail points at their figure. */
  speakerId?: string;
}

export interface Point {
  x: number;
  y: number;
}

/** A placed balloon, in page units. `box` bounds the whole shape (tail excluded). */
export interface Balloon {
  kind: LetteringKind;
  /** Index of the LetteringItem it sets, within its panel's list. */
  itemIndex: number;
  box: PanelRect;
  /** Tail tip (speech / thought with a speaker on the panel); absent for captions and sfx. */
  tail?: Point;
  /** Lines (horizontal) or columns (vertical, first = rightmost), already wrapped. */
  lines: string[];
  /** Tategaki: columns right-to-left, characters top-to-bottom. */
  vertical: boolean;
  fontSize: number;
  /** True when the text did not fit even at the minimum font size (shown, never dropped). */
  overflow: boolean;
}

export interface PanelLettering {
  panelId: string;
  balloons: Balloon[];
  /** Items for which no free space was left even at the minimum size (reported, not dropped). */
  unplaced: number[];
}

export interface PanelImage {
  mimeType: "image/png" | "image/jpeg" | "image/webp" | "image/svg+xml";
  bytes: Uint8Array;
}

export interface ComposedPage {
  layout: PageLayout;
  /** By panel id; a missing entry is drawn as an empty, marked panel and reported. */
  images: Record<string, PanelImage | undefined>;
  /** By panel id. */
  lettering: Record<string, Balloon[] | undefined>;
  /** Language of the lettering (BCP 47, e.g. "ja", "en"). */
  language?: string;
}

export type Quality = "ultra" | "high" | "medium" | "low" | "preview";
export const QUALITIES: readonly Quality[] = ["ultra", "high", "medium", "low", "preview"];

/** Page width in pixels per preview quality (height = width × PAGE_HEIGHT / PAGE_WIDTH). */
export const QUALITY_WIDTHS: Record<Quality, number> = {
  ultra: 2480,
  high: 1600,
  medium: 1024,
  low: 640,
  preview: 320,
};

/** Pixel height of a page rendered at `quality`. */
export function qualityHeight(quality: Quality): number {
  return Math.round((QUALITY_WIDTHS[quality] * PAGE_HEIGHT) / PAGE_WIDTH);
}

export type FindingSeverity = "error" | "warning";

export type FindingCode =
  | "panel_overlap"
  | "panel_outside_margins"
  | "panel_too_small"
  | "reading_order"
  | "panels_overflow"
  | "missing_image"
  | "text_overflow"
  | "balloon_overlap"
  | "balloon_outside_panel";

/** One problem found by validateLayout / the quality report. */
export interface QualityFinding {
  code: FindingCode;
  severity: FindingSeverity;
  page: number;
  panelId?: string;
  message: string;
}

/** Book metadata for CBZ (ComicInfo.xml) and PDF exports. */
export interface BookInfo {
  title: string;
  series?: string;
  summary?: string;
  writer?: string;
  /** ISO 639-1, e.g. "ja", "en". */
  language: string;
  direction: ReadingDirection;
  year?: number;
  /** PDF creation date; fixed (2000-01-01) when absent so the same pages give the same bytes. */
  createdAt?: Date;
}
