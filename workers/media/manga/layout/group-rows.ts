/**
 * Which panels share a row. The intent's hints are used when they are complete and usable:
 * every panel has a `row` (grouped by it), or every panel has a finite `rect` (grouped by the
 * vertical position of its centre, ordered within the row by its horizontal position in reading
 * direction). Otherwise panels fill rows in their listed order, two to a row, with big panels
 * (weight ≥ 2 or an establishing shot) alone. Rows are then split to MAX_PANELS_PER_ROW and
 * merged down to MAX_ROWS, so the result always fits the page at the minimum panel size.
 */
import { finiteOr } from "../rect.ts";
import {
  MAX_PANELS_PER_ROW,
  MAX_ROWS,
  type PanelIntent,
  type PanelRect,
  type ReadingDirection,
} from "../types.ts";
import { clampWeight } from "./distribute.ts";

function hasFiniteRect(panel: PanelIntent): panel is PanelIntent & { rect: PanelRect } {
  const r = panel.rect;
  return !!r && [r.x, r.y, r.w, r.h].every((n) => Number.isFinite(n));
}

function isBig(panel: PanelIntent): boolean {
  return clampWeight(panel.weight) >= 2 || panel.shot === "establishing";
}

function byRowHint(panels: PanelIntent[]): PanelIntent[][] {
  const rows = new Map<number, PanelIntent[]>();
  for (const panel of panels) {
    const key = Math.round(finiteOr(panel.row, 0));
    rows.set(key, [...(rows.get(key) ?? []), panel]);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

function byRect(
  panels: Array<PanelIntent & { rect: PanelRect }>,
  direction: ReadingDirection,
): PanelIntent[][] {
  const centreY = (p: { rect: PanelRect }) => p.rect.y + p.rect.h / 2;
  const centreX = (p: { rect: PanelRect }) => p.rect.x + p.rect.w / 2;
  const sorted = [...panels].sort((a, b) => centreY(a) - centreY(b));
  const rows: Array<Array<PanelIntent & { rect: PanelRect }>> = [];
  let bottom = -Infinity;
  for (const panel of sorted) {
    const row = rows.at(-1);
    // A panel whose centre lies below the first panel of the current row starts the next row.
    if (row && centreY(panel) <= bottom) row.push(panel);
    else {
      rows.push([panel]);
      bottom = panel.rect.y + Math.abs(panel.rect.h);
    }
  }
  const sign = direction === "rtl" ? -1 : 1;
  return rows.map((row) => row.sort((a, b) => sign * (centreX(a) - centreX(b))));
}

function inListedOrder(panels: PanelIntent[]): PanelIntent[][] {
  const rows: PanelIntent[][] = [];
  let current: PanelIntent[] = [];
  const flush = () => {
    if (current.length > 0) rows.push(current);
    current = [];
  };
  for (const panel of panels) {
    if (isBig(panel)) {
      flush();
      rows.push([panel]);
      continue;
    }
    current.push(panel);
    if (current.length === 2) flush();
  }
  flush();
  return rows;
}

/** Rows of at most MAX_PANELS_PER_ROW, at most MAX_ROWS of them (given ≤ 15 panels). */
function fitLimits(rows: PanelIntent[][]): PanelIntent[][] {
  const split = rows.flatMap((row) => {
    const parts: PanelIntent[][] = [];
    for (let i = 0; i < row.length; i += MAX_PANELS_PER_ROW) parts.push(row.slice(i, i + MAX_PANELS_PER_ROW));
    return parts;
  });
  while (split.length > MAX_ROWS) {
    // Merge the neighbouring pair with the fewest panels (with ≤ 15 panels a pair of ≤ 3 exists).
    let best = 0;
    for (let i = 1; i < split.length - 1; i++) {
      const size = (split[i]?.length ?? 0) + (split[i + 1]?.length ?? 0);
      if (size < (split[best]?.length ?? 0) + (split[best + 1]?.length ?? 0)) best = i;
    }
    split.splice(best, 2, [...(split[best] ?? []), ...(split[best + 1] ?? [])]);
  }
  return split;
}

export function groupRows(panels: PanelIntent[], direction: ReadingDirection): PanelIntent[][] {
  if (panels.length === 0) return [];
  let rows: PanelIntent[][];
  if (panels.every((p) => Number.isFinite(p.row))) rows = byRowHint(panels);
  else if (panels.every(hasFiniteRect))
    rows = byRect(panels as Array<PanelIntent & { rect: PanelRect }>, direction);
  else rows = inListedOrder(panels);
  return fitLimits(rows);
}
