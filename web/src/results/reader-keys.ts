/**
 * Page turns in a manga reader follow the book's reading direction: in a right-to-left book the
 * next page lies to the left, so ArrowLeft goes forward; in a left-to-right book, ArrowRight.
 */
export type ReadingDirection = "rtl" | "ltr";

/** The page (1-based) a key press leads to, or null when the key does not turn pages. */
export function pageAfterKey(
  key: string,
  page: number,
  total: number,
  direction: ReadingDirection,
): number | null {
  const forward = direction === "rtl" ? "ArrowLeft" : "ArrowRight";
  const backward = direction === "rtl" ? "ArrowRight" : "ArrowLeft";
  let next: number;
  if (key === forward || key === "PageDown" || key === " ") next = page + 1;
  else if (key === backward || key === "PageUp") next = page - 1;
  else if (key === "Home") next = 1;
  else if (key === "End") next = total;
  else return null;
  return Math.min(Math.max(next, 1), Math.max(total, 1));
}

export const ZOOM_LEVELS = [0.5, 0.75, 1, 1.5, 2] as const;

/** One step up or down the zoom levels for `+` / `-`; null for any other key. */
export function zoomAfterKey(key: string, zoom: number): number | null {
  const at = ZOOM_LEVELS.findIndex((z) => z >= zoom);
  const index = at === -1 ? ZOOM_LEVELS.length - 1 : at;
  if (key === "+" || key === "=") return ZOOM_LEVELS[Math.min(index + 1, ZOOM_LEVELS.length - 1)]!;
  if (key === "-") return ZOOM_LEVELS[Math.max(index - 1, 0)]!;
  if (key === "0") return 1;
  return null;
}
