/** Rectangle arithmetic in page units, shared by layout, lettering and the quality report. */
import type { PanelRect } from "./types.ts";

/** Interiors intersect (touching edges do not count). `slack` tolerates rounding. */
export function rectsOverlap(a: PanelRect, b: PanelRect, slack = 0.01): boolean {
  return (
    a.x + a.w - slack > b.x && b.x + b.w - slack > a.x && a.y + a.h - slack > b.y && b.y + b.h - slack > a.y
  );
}

/** `inner` lies within `outer` (within `slack`). */
export function rectContains(outer: PanelRect, inner: PanelRect, slack = 0.01): boolean {
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.w <= outer.x + outer.w + slack &&
    inner.y + inner.h <= outer.y + outer.h + slack
  );
}

export function insetRect(rect: PanelRect, by: number): PanelRect {
  const dx = Math.min(by, rect.w / 2);
  const dy = Math.min(by, rect.h / 2);
  return { x: rect.x + dx, y: rect.y + dy, w: rect.w - 2 * dx, h: rect.h - 2 * dy };
}

export function rectCentre(rect: PanelRect): { x: number; y: number } {
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 };
}

/** Rounds to 0.01 units so that layouts serialise to stable, short JSON. */
export function roundRect(rect: PanelRect): PanelRect {
  const r = (n: number) => Math.round(n * 100) / 100;
  return { x: r(rect.x), y: r(rect.y), w: r(rect.w), h: r(rect.h) };
}

/** A rectangle from its edges, each rounded to 0.01 so neighbours keep their exact gutter. */
export function rectFromEdges(left: number, top: number, right: number, bottom: number): PanelRect {
  const r = (n: number) => Math.round(n * 100) / 100;
  return { x: r(left), y: r(top), w: r(r(right) - r(left)), h: r(r(bottom) - r(top)) };
}

/** A number, or `fallback` when it is NaN / ±Infinity / not a number at all. */
export function finiteOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}
