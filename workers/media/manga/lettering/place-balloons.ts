/**
 * Places a panel's balloons: each inside the panel (inset by PANEL_PADDING), none overlapping
 * another (BALLOON_GAP apart), in the order of the items so that they read in the page's
 * direction; speech near and above its speaker without covering faces, captions in a corner
 * (the reading-start one first), sound effects large and free. Text shrinks to the minimum font
 * size before a balloon is cut and marked as overflow; an item with no room at all is listed in
 * `unplaced`. Tails point at the speaker's head as staged by stageFigures.
 */
import { insetRect, rectCentre, rectsOverlap } from "../rect.ts";
import { stageFigures, type StagedFigure } from "../staging.ts";
import type {
  Balloon,
  LaidOutPanel,
  LetteringItem,
  PanelLettering,
  PanelRect,
  Point,
  ReadingDirection,
} from "../types.ts";
import { balloonCandidates, type BalloonCandidate } from "./fit-balloon.ts";
import { isJapanese } from "./vertical-text.ts";

export const PANEL_PADDING = 8;
export const BALLOON_GAP = 6;
/** Positions tried along each axis for each candidate size. */
const GRID_STEPS = 18;

interface Context {
  inner: PanelRect;
  direction: ReadingDirection;
  figures: StagedFigure[];
  placed: Balloon[];
}

function overlapArea(a: PanelRect, b: PanelRect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function headBox(figure: StagedFigure): PanelRect {
  const r = figure.headRadius * 1.1;
  return { x: figure.head.x - r, y: figure.head.y - r, w: 2 * r, h: 2 * r };
}

/** Lower is better. */
function score(item: LetteringItem, box: PanelRect, ctx: Context, speaker: StagedFigure | undefined): number {
  const { inner, direction } = ctx;
  const centre = rectCentre(box);
  const startSide = direction === "rtl" ? inner.x + inner.w - (box.x + box.w) : box.x - inner.x;
  if (item.kind === "caption") {
    // Corners only matter: reading-start top corner, then the other top corner, then bottom.
    return (box.y - inner.y) / inner.h + startSide / inner.w;
  }
  let value = ((box.y - inner.y) / inner.h) * (item.kind === "sfx" ? 0.3 : 1);
  const faces = ctx.figures.reduce((sum, f) => sum + overlapArea(box, headBox(f)), 0);
  value += (5 * faces) / (box.w * box.h);
  // Balloons are read in order before speakers are matched (the tail does that), so the
  // reading-start side matters more than being next to the speaker.
  value += (0.8 * startSide) / inner.w;
  if (speaker) value += (0.6 * Math.abs(centre.x - speaker.head.x)) / inner.w;
  if (item.kind !== "sfx") {
    for (const previous of ctx.placed) {
      if (previous.kind === "sfx") continue;
      // Read before an earlier balloon: wholly above it, or beside it on the reading-start side.
      const above = box.y + box.h <= previous.box.y;
      const besideBand = box.y < previous.box.y + previous.box.h && previous.box.y < box.y + box.h;
      const prev = rectCentre(previous.box);
      const startward = direction === "rtl" ? centre.x > prev.x : centre.x < prev.x;
      if (above || (besideBand && startward && box.y < previous.box.y + previous.box.h / 2)) value += 4;
    }
  }
  return value;
}

function positions(size: BalloonCandidate, inner: PanelRect, kind: LetteringItem["kind"]): PanelRect[] {
  const spanX = inner.w - size.w;
  const spanY = inner.h - size.h;
  if (spanX < 0 || spanY < 0) return [];
  if (kind === "caption") {
    return [
      [spanX, 0],
      [0, 0],
      [spanX, spanY],
      [0, spanY],
    ].map(([dx, dy]) => ({ x: inner.x + (dx ?? 0), y: inner.y + (dy ?? 0), w: size.w, h: size.h }));
  }
  const out: PanelRect[] = [];
  for (let i = 0; i <= GRID_STEPS; i++) {
    for (let j = 0; j <= GRID_STEPS; j++) {
      out.push({
        x: inner.x + (spanX * i) / GRID_STEPS,
        y: inner.y + (spanY * j) / GRID_STEPS,
        w: size.w,
        h: size.h,
      });
    }
  }
  return out;
}

/** Tail tip: from the balloon toward the speaker's head, stopping short of it, inside the panel. */
function tailTip(box: PanelRect, speaker: StagedFigure, inner: PanelRect): Point | undefined {
  const from = rectCentre(box);
  const dx = speaker.head.x - from.x;
  const dy = speaker.head.y - from.y;
  const distance = Math.hypot(dx, dy);
  // Where the ray leaves the balloon's ellipse (the box's inscribed ellipse).
  const edge = 1 / Math.sqrt((dx / (box.w / 2)) ** 2 + (dy / (box.h / 2)) ** 2 || 1);
  const free = distance * (1 - edge) - speaker.headRadius * 1.2;
  if (free < 6) return undefined; // the balloon already touches the head
  const length = Math.min(free, Math.max(24, Math.min(box.w, box.h) * 0.6), 90);
  const t = edge + length / distance;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return {
    x: clamp(from.x + dx * t, inner.x, inner.x + inner.w),
    y: clamp(from.y + dy * t, inner.y, inner.y + inner.h),
  };
}

function place(item: LetteringItem, itemIndex: number, vertical: boolean, ctx: Context): Balloon | undefined {
  const speaker = ctx.figures.find((f) => f.characterId === item.speakerId);
  const itemVertical = vertical && item.kind !== "sfx";
  for (const candidate of balloonCandidates(item, ctx.inner, itemVertical)) {
    let best: { box: PanelRect; value: number } | undefined;
    for (const box of positions(candidate, ctx.inner, item.kind)) {
      const spaced = insetRect(box, -BALLOON_GAP / 2);
      if (ctx.placed.some((b) => rectsOverlap(insetRect(b.box, -BALLOON_GAP / 2), spaced))) continue;
      const value = score(item, box, ctx, speaker);
      if (!best || value < best.value) best = { box, value };
    }
    if (!best) continue;
    const hasTail = (item.kind === "speech" || item.kind === "thought") && speaker;
    const tail = hasTail ? tailTip(best.box, speaker, ctx.inner) : undefined;
    return {
      kind: item.kind,
      itemIndex,
      box: best.box,
      ...(tail ? { tail } : {}),
      lines: candidate.lines,
      vertical: itemVertical,
      fontSize: candidate.fontSize,
      overflow: candidate.overflow,
    };
  }
  return undefined;
}

/**
 * @example
 * letterPanel(layout.panels[0], [{ kind: "speech", text: "行くぞ！", speakerId: "aoi" }], "rtl");
 */
export function letterPanel(
  panel: LaidOutPanel,
  items: LetteringItem[],
  direction: ReadingDirection,
): PanelLettering {
  const ctx: Context = {
    inner: insetRect(panel.rect, PANEL_PADDING),
    direction,
    figures: stageFigures(panel.rect, panel.intent.shot, panel.intent.characters),
    placed: [],
  };
  const unplaced: number[] = [];
  items.forEach((item, index) => {
    if (item.text.trim() === "") return; // nothing to letter
    const vertical = direction === "rtl" && isJapanese(item.text);
    const balloon = place(item, index, vertical, ctx);
    if (balloon) ctx.placed.push(balloon);
    else unplaced.push(index);
  });
  return { panelId: panel.intent.id, balloons: ctx.placed, unplaced };
}
