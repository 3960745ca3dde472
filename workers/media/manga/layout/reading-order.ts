/**
 * The order a reader follows through arbitrary panel rectangles, by recursive XY-cut (the usual
 * way to read a manga page): split the page at a horizontal gap crossing no panel and read the
 * top part first; where there is none, split at a vertical gap and read the right part first
 * (rtl) or the left part first (ltr). Panels that no gap separates (overlapping ones) fall back to
 * top-to-bottom, then direction order of their centres.
 */
import type { PageLayout, PanelRect, ReadingDirection } from "../types.ts";

interface Item {
  index: number;
  rect: PanelRect;
}

/** Positions along one axis where a straight cut crosses no rectangle, between groups. */
function splitAlongAxis(items: Item[], axis: "y" | "x"): Item[][] | undefined {
  const start = (r: PanelRect) => (axis === "y" ? r.y : r.x);
  const size = (r: PanelRect) => (axis === "y" ? r.h : r.w);
  const sorted = [...items].sort((a, b) => start(a.rect) - start(b.rect) || a.index - b.index);
  const groups: Item[][] = [];
  let current: Item[] = [];
  let reach = -Infinity;
  for (const item of sorted) {
    // A tiny tolerance: rectangles that merely touch (or overlap by rounding) stay apart.
    if (current.length > 0 && start(item.rect) >= reach - 0.5) {
      groups.push(current);
      current = [];
    }
    current.push(item);
    reach = Math.max(reach, start(item.rect) + size(item.rect));
  }
  groups.push(current);
  return groups.length > 1 ? groups : undefined;
}

function order(items: Item[], direction: ReadingDirection): Item[] {
  if (items.length <= 1) return items;
  const rows = splitAlongAxis(items, "y");
  if (rows) return rows.flatMap((row) => order(row, direction));
  const columns = splitAlongAxis(items, "x");
  if (columns) {
    const inReadingOrder = direction === "rtl" ? [...columns].reverse() : columns;
    return inReadingOrder.flatMap((column) => order(column, direction));
  }
  const sign = direction === "rtl" ? -1 : 1;
  return [...items].sort(
    (a, b) =>
      a.rect.y + a.rect.h / 2 - (b.rect.y + b.rect.h / 2) ||
      sign * (a.rect.x + a.rect.w / 2 - (b.rect.x + b.rect.w / 2)) ||
      a.index - b.index,
  );
}

/**
 * Indices of `rects` in reading order.
 * @example
 * readingOrderOf([{ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: 0, w: 10, h: 10 }], "rtl"); // [1, 0]
 */
export function readingOrderOf(rects: PanelRect[], direction: ReadingDirection): number[] {
  return order(
    rects.map((rect, index) => ({ index, rect })),
    direction,
  ).map((item) => item.index);
}

/**
 * The layout with reading order numbers (and rows) recomputed from its geometry — for a
 * reviewer's edit that moved or resized a panel: the order follows where the panels now are.
 */
export function renumberReadingOrder(layout: PageLayout): PageLayout {
  const order = readingOrderOf(
    layout.panels.map((p) => p.rect),
    layout.direction,
  );
  const panels = order.flatMap((index, position) => {
    const panel = layout.panels[index];
    return panel ? [{ ...panel, readingOrder: position + 1 }] : [];
  });
  return { ...layout, panels };
}
