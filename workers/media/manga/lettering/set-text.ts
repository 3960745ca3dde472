/**
 * Text set into a block at one font size (horizontal lines or vertical columns), and the
 * balloon box each kind of lettering needs around such a block — or, the other way round, the
 * text area a given balloon box leaves. Widths come from the character-class estimate shared
 * with the thumbnails (CJK one em, Latin about half); horizontal CJK wraps per character,
 * Latin per word.
 */
import { textWidth, wrapText } from "../../thumbnail/wrap-text.ts";
import type { LetteringKind, PanelRect } from "../types.ts";
import { verticalColumns } from "./vertical-text.ts";

/** Line pitch (horizontal) and cell advance / column pitch (vertical), in em. */
export const LINE_HEIGHT = 1.25;
export const VERTICAL_ADVANCE = 1.05;
export const COLUMN_PITCH = 1.3;
/** Widths are estimated per character class; Latin runs come out up to ~10% wider in the font. */
const WIDTH_MARGIN = 1.1;

export interface TextBlock {
  lines: string[];
  vertical: boolean;
  fontSize: number;
  width: number;
  height: number;
}

/** Sets `text` so that lines are at most `maxWidth` wide (or columns `maxHeight` tall). */
export function setText(text: string, fontSize: number, vertical: boolean, maxExtent: number): TextBlock {
  if (vertical) {
    const perColumn = Math.max(1, Math.floor(maxExtent / (fontSize * VERTICAL_ADVANCE)));
    const lines = verticalColumns(text, perColumn);
    const longest = Math.max(0, ...lines.map((c) => [...c].length));
    return {
      lines,
      vertical,
      fontSize,
      width: lines.length * fontSize * COLUMN_PITCH,
      height: longest * fontSize * VERTICAL_ADVANCE,
    };
  }
  const lines = wrapText(text, fontSize, maxExtent / WIDTH_MARGIN);
  const widest = Math.max(0, ...lines.map((line) => textWidth(line, fontSize))) * WIDTH_MARGIN;
  return { lines, vertical, fontSize, width: widest, height: lines.length * fontSize * LINE_HEIGHT };
}

/** How much bigger than its text block each kind of balloon is: scale and padding in em. */
const FRAME: Record<LetteringKind, { scale: number; padX: number; padY: number }> = {
  speech: { scale: 1.35, padX: 1.2, padY: 1.0 },
  thought: { scale: 1.45, padX: 1.6, padY: 1.4 },
  caption: { scale: 1, padX: 1.0, padY: 0.8 },
  sfx: { scale: 1, padX: 0.6, padY: 0.3 },
};

export function balloonSize(kind: LetteringKind, block: TextBlock): { w: number; h: number } {
  const frame = FRAME[kind];
  return {
    w: block.width * frame.scale + frame.padX * block.fontSize,
    h: block.height * frame.scale + frame.padY * block.fontSize,
  };
}

/** The text area inside a balloon box (centred), the inverse of balloonSize. */
export function textArea(kind: LetteringKind, box: PanelRect, fontSize: number): PanelRect {
  const frame = FRAME[kind];
  const w = Math.max(0, (box.w - frame.padX * fontSize) / frame.scale);
  const h = Math.max(0, (box.h - frame.padY * fontSize) / frame.scale);
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

/**
 * As much of `text` as fits `area` at `fontSize`, the last line or column ending in "…".
 * Used only when a balloon overflows, which is then reported.
 */
export function truncateToArea(text: string, fontSize: number, vertical: boolean, area: PanelRect): string[] {
  const block = setText(text, fontSize, vertical, vertical ? area.h : area.w);
  const fits = vertical
    ? Math.floor(area.w / (fontSize * COLUMN_PITCH))
    : Math.floor(area.h / (fontSize * LINE_HEIGHT));
  const kept = block.lines.slice(0, Math.max(1, fits));
  if (kept.length < block.lines.length) {
    const last = [...(kept.at(-1) ?? "")];
    last.splice(Math.max(0, last.length - 1), 1, "…");
    kept[kept.length - 1] = last.join("");
  }
  return kept;
}
