/**
 * Chapter thumbnails: 1280×720 PNG from the SVG template in prompts/book/thumbnail/, with the
 * title wrapped to at most three lines (the font shrinks before anything is cut) and rendered in
 * the embedded Japanese font.
 */
import template from "../../../prompts/book/thumbnail/template.svg";
import { EMBEDDED_FONT_FAMILY } from "../fonts/font-family.ts";
import { escapeXml } from "../render/escape-xml.ts";
import { svgToPng, type RenderedPng } from "../render/svg-to-png.ts";
import { textWidth, wrapText } from "./wrap-text.ts";

export const THUMBNAIL_TEMPLATE_ID = "book/thumbnail/template";
export const THUMBNAIL_TEMPLATE_VERSION = /version:\s*([\d.]+)/.exec(template)?.[1] ?? "0.0.0";

export interface ThumbnailInput {
  title: string;
  /** e.g. "第3章" or "Chapter 3". */
  chapterLabel: string;
  bookTitle: string;
  brand?: string;
  /** Background gradient and accent; a palette is picked from the title when omitted. */
  palette?: { from: string; to: string; accent: string };
}

const PALETTES = [
  { from: "#1e3a8a", to: "#0f172a", accent: "#fbbf24" },
  { from: "#065f46", to: "#022c22", accent: "#a7f3d0" },
  { from: "#7c2d12", to: "#1c1917", accent: "#fdba74" },
  { from: "#4c1d95", to: "#1e1b4b", accent: "#f0abfc" },
];

const TITLE_WIDTH = 1120;
const MAX_LINES = 3;

function fitTitle(title: string): { lines: string[]; size: number } {
  for (let size = 88; size >= 52; size -= 4) {
    const lines = wrapText(title, size, TITLE_WIDTH);
    if (lines.length <= MAX_LINES) return { lines, size };
  }
  const size = 52;
  const lines = wrapText(title, size, TITLE_WIDTH).slice(0, MAX_LINES);
  let last = lines[MAX_LINES - 1] ?? "";
  while (last.length > 0 && textWidth(`${last}…`, size) > TITLE_WIDTH) last = [...last].slice(0, -1).join("");
  lines[MAX_LINES - 1] = `${last}…`;
  return { lines, size };
}

function clip(text: string, size: number, width: number): string {
  let out = text;
  while (out.length > 1 && textWidth(out, size) > width) out = [...out].slice(0, -2).join("") + "…";
  return out;
}

/** The filled-in SVG (exposed for tests and previews; store only the PNG). */
export function thumbnailSvg(input: ThumbnailInput): string {
  const hash = [...input.title].reduce((sum, char) => (sum * 31 + (char.codePointAt(0) ?? 0)) >>> 0, 7);
  const palette = input.palette ?? PALETTES[hash % PALETTES.length] ?? PALETTES[0];
  const { lines, size } = fitTitle(input.title);
  const lineHeight = Math.round(size * 1.3);
  // Centre the block of lines between the label (y≈150) and the rule (y=584).
  const top = 150 + (434 - lineHeight * lines.length) / 2 + size;
  const tspans = lines
    .map((line, i) => `<tspan x="80" ${i === 0 ? "" : `dy="${lineHeight}"`}>${escapeXml(line)}</tspan>`)
    .join("");
  const values: Record<string, string> = {
    background_from: palette?.from ?? "#1e3a8a",
    background_to: palette?.to ?? "#0f172a",
    accent: palette?.accent ?? "#fbbf24",
    font: EMBEDDED_FONT_FAMILY,
    chapter_label: escapeXml(clip(input.chapterLabel, 44, 1000)),
    title_y: String(Math.round(top)),
    title_size: String(size),
    title_lines: tspans,
    book_title: escapeXml(clip(input.bookTitle, 34, 820)),
    brand: escapeXml(input.brand ?? "Tsumugi"),
  };
  return template
    .replace(/<!--[\s\S]*?-->\s*/, "")
    .replace(/\{\{([a-z_]+)\}\}/g, (whole: string, name: string) => values[name] ?? whole);
}

/**
 * @example
 * const { png } = await renderThumbnail({ title: "所有権を理解する", chapterLabel: "第4章", bookTitle: "Rust" });
 */
export async function renderThumbnail(input: ThumbnailInput): Promise<RenderedPng> {
  return svgToPng(thumbnailSvg(input), { width: 1280, background: "#0f172a" });
}
