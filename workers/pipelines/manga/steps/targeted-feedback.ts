/**
 * Fine-grained revision: feedback that starts with `panel p3-2:` or `page 3:` revises that panel's
 * image or that page's layout only; the rest of the phase is kept from the version being revised.
 */
export type Target =
  { kind: "panel"; id: string; note: string } | { kind: "page"; page: number; note: string };

const PANEL = /^\s*panel\s+(p\d{1,3}-\d{1,2})\s*:\s*([\s\S]*)$/i;
const PAGE = /^\s*page\s+(\d{1,3})\s*:\s*([\s\S]*)$/i;

export function targetOf(feedback: string | undefined): Target | null {
  if (!feedback) return null;
  const panel = PANEL.exec(feedback);
  if (panel) return { kind: "panel", id: panel[1]!.toLowerCase(), note: panel[2]!.trim() };
  const page = PAGE.exec(feedback);
  if (page) return { kind: "page", page: Number(page[1]), note: page[2]!.trim() };
  return null;
}
