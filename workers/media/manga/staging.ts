/**
 * Where each character stands in a panel, from the shot: one function shared by the panel art
 * (which draws the figures there) and the lettering (whose tails point at the speaker's head).
 * Close shots show big heads (at most two characters); wide shots small full figures on the
 * ground line, leaving room for the background. Positions are in the panel's own page units.
 */
import type { PanelRect, Shot } from "./types.ts";

export interface StagedFigure {
  characterId: string;
  /** Centre of the head. */
  head: { x: number; y: number };
  /** Head radius; the body is drawn in proportion (about 6.5 heads tall when fully visible). */
  headRadius: number;
  /** Where the feet touch the ground (may be below the panel in close shots: cropped). */
  groundY: number;
}

/** Head centre to feet, in head radii (a figure about 6.5 heads tall). */
export const FIGURE_HEIGHT_IN_RADII = 12;

/** Head size as a share of the panel height, and where the head centre sits, per shot. */
const SHOT_FRAMING: Record<Shot, { head: number; headY: number; maxFigures: number }> = {
  "extreme-close-up": { head: 0.42, headY: 0.56, maxFigures: 1 },
  "close-up": { head: 0.24, headY: 0.5, maxFigures: 2 },
  medium: { head: 0.13, headY: 0.34, maxFigures: 3 },
  full: { head: 0.055, headY: 0.22, maxFigures: 4 },
  wide: { head: 0.035, headY: 0.5, maxFigures: 5 },
  establishing: { head: 0.022, headY: 0.62, maxFigures: 6 },
};

/**
 * @example
 * stageFigures({ x: 0, y: 0, w: 400, h: 300 }, "medium", ["aoi", "ren"]); // two heads, left and right
 */
export function stageFigures(rect: PanelRect, shot: Shot, characterIds: string[]): StagedFigure[] {
  const framing = SHOT_FRAMING[shot];
  const ids = characterIds.slice(0, framing.maxFigures);
  const count = ids.length;
  // Heads also shrink when many figures share a narrow panel.
  const byHeight = rect.h * framing.head;
  const byWidth = (rect.w / Math.max(1, count)) * 0.3;
  const headRadius = Math.max(4, Math.min(byHeight, byWidth));
  return ids.map((characterId, i) => {
    const x = rect.x + (rect.w * (i + 1)) / (count + 1);
    const y = rect.y + rect.h * framing.headY;
    return { characterId, head: { x, y }, headRadius, groundY: y + headRadius * FIGURE_HEIGHT_IN_RADII };
  });
}
