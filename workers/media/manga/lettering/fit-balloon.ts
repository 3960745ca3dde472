/**
 * The sizes a balloon may take for one lettering item, most wanted first: the largest font that
 * fits, in a few shapes (narrow/tall to wide/short), down to the minimum font size. When even the
 * minimum does not fit, fallback boxes hold as much text as fits, marked as overflow.
 */
import type { LetteringItem, PanelRect } from "../types.ts";
import { balloonSize, setText, textArea, truncateToArea } from "./set-text.ts";

/** Font sizes in page units (a 1000-unit page ≈ 182 mm wide: 20 units ≈ 3.6 mm). */
export const FONT_SIZES: Record<LetteringItem["kind"], { base: number; min: number }> = {
  speech: { base: 21, min: 12 },
  thought: { base: 20, min: 12 },
  caption: { base: 18, min: 11 },
  sfx: { base: 56, min: 22 },
};

export interface BalloonCandidate {
  w: number;
  h: number;
  lines: string[];
  fontSize: number;
  overflow: boolean;
}

/** Line lengths (horizontal) or column heights (vertical) tried, as shares of the panel. */
const EXTENTS = [0.42, 0.58, 0.3, 0.75, 0.9];

export function* balloonCandidates(
  item: LetteringItem,
  inner: PanelRect,
  vertical: boolean,
): Generator<BalloonCandidate> {
  const { base, min } = FONT_SIZES[item.kind];
  const seen = new Set<string>();
  for (let fontSize = base; fontSize >= min; fontSize -= fontSize > 16 ? 2 : 1) {
    for (const share of EXTENTS) {
      const block = setText(item.text, fontSize, vertical, (vertical ? inner.h : inner.w) * share);
      const size = balloonSize(item.kind, block);
      const key = `${fontSize}:${block.lines.join("\n")}`;
      if (seen.has(key) || size.w > inner.w || size.h > inner.h || block.lines.length === 0) continue;
      seen.add(key);
      yield { ...size, lines: block.lines, fontSize, overflow: false };
    }
  }
  // Nothing fits whole: boxes of decreasing size with the text cut to fit, flagged as overflow.
  for (const [a, b] of [
    [0.95, 0.6],
    [0.7, 0.45],
    [0.5, 0.35],
    [0.35, 0.25],
    [0.22, 0.18],
  ] as const) {
    const box = { x: 0, y: 0, w: inner.w * a, h: inner.h * b };
    const area = textArea(item.kind, box, min);
    if (area.w < min || area.h < min) continue;
    yield {
      w: box.w,
      h: box.h,
      lines: truncateToArea(item.text, min, vertical, area),
      fontSize: min,
      overflow: true,
    };
  }
}
