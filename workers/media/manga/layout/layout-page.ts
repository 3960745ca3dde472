/**
 * The layout engine: the storyboard's intent for a page (possibly overlapping, out of bounds,
 * too many panels, nonsense weights) → valid geometry. Rows of panels fill the live area inside
 * the margins, GUTTER_X between panels of a row and GUTTER_Y between rows; sizes follow the
 * weights (or the requested rectangles' proportions), never below MIN_PANEL_WIDTH/HEIGHT.
 * Reading order: rows top to bottom; within a row right-to-left (rtl) or left-to-right (ltr).
 * Panels beyond MAX_PANELS_PER_PAGE are not placed and come back in `overflowPanelIds`.
 */
import { rectFromEdges } from "../rect.ts";
import {
  GUTTER_X,
  GUTTER_Y,
  LIVE_AREA,
  MAX_PANELS_PER_PAGE,
  MIN_PANEL_HEIGHT,
  MIN_PANEL_WIDTH,
  type LaidOutPanel,
  type PageIntent,
  type PageLayout,
  type PanelIntent,
  type ReadingDirection,
} from "../types.ts";
import { clampWeight, distribute } from "./distribute.ts";
import { groupRows } from "./group-rows.ts";

/** Size weights: the requested rectangle's share when every panel has one, else `weight`. */
function sizeWeight(panel: PanelIntent, axis: "w" | "h", typical: number, useRects: boolean): number {
  if (useRects && panel.rect) return clampWeight(Math.abs(panel.rect[axis]) / typical);
  return clampWeight(panel.weight);
}

/**
 * @example
 * const layout = layoutPage({ page: 1, panels: [{ id: "p1", shot: "wide", angle: "high", characters: [], action: "" }] }, "rtl");
 * layout.panels[0].rect; // the whole live area
 */
export function layoutPage(intent: PageIntent, direction: ReadingDirection): PageLayout {
  const placed = intent.panels.slice(0, MAX_PANELS_PER_PAGE);
  const overflowPanelIds = intent.panels.slice(MAX_PANELS_PER_PAGE).map((p) => p.id);
  const rows = groupRows(placed, direction);
  const useRects = placed.length > 0 && placed.every((p) => p.rect && Number.isFinite(p.rect.w + p.rect.h));

  const rowGaps = GUTTER_Y * Math.max(0, rows.length - 1);
  const rowWeights = rows.map((row) =>
    Math.max(...row.map((p) => sizeWeight(p, "h", LIVE_AREA.h / rows.length, useRects))),
  );
  const heights = distribute(rowWeights, LIVE_AREA.h - rowGaps, MIN_PANEL_HEIGHT);

  const panels: LaidOutPanel[] = [];
  let top = LIVE_AREA.y;
  rows.forEach((row, rowIndex) => {
    const height = heights[rowIndex] ?? MIN_PANEL_HEIGHT;
    const bottom = rowIndex === rows.length - 1 ? LIVE_AREA.y + LIVE_AREA.h : top + height;
    const widths = distribute(
      row.map((p) => sizeWeight(p, "w", LIVE_AREA.w / row.length, useRects)),
      LIVE_AREA.w - GUTTER_X * (row.length - 1),
      MIN_PANEL_WIDTH,
    );
    // Walk the row in reading order from the edge where reading starts.
    let edge = direction === "rtl" ? LIVE_AREA.x + LIVE_AREA.w : LIVE_AREA.x;
    row.forEach((panel, i) => {
      const width = widths[i] ?? MIN_PANEL_WIDTH;
      const last = i === row.length - 1;
      const [left, right] =
        direction === "rtl"
          ? [last ? LIVE_AREA.x : edge - width, edge]
          : [edge, last ? LIVE_AREA.x + LIVE_AREA.w : edge + width];
      panels.push({
        intent: panel,
        rect: rectFromEdges(left, top, right, bottom),
        readingOrder: panels.length + 1,
        row: rowIndex,
      });
      edge = direction === "rtl" ? left - GUTTER_X : right + GUTTER_X;
    });
    top = bottom + GUTTER_Y;
  });
  return { page: intent.page, direction, panels, overflowPanelIds };
}
