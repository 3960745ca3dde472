/**
 * Page images at a chosen quality. Previews link manga pages at `quality=preview` (the pages
 * route, workers/protocol/manga.ts); a reviewer can ask for any of the five fixed widths. Other
 * images (panel art, character sheets) are stored at one size and are shown as they are.
 */
import { PAGE_QUALITIES } from "../../../workers/protocol/manga.ts";

export type PageQuality = (typeof PAGE_QUALITIES)[number];
export { PAGE_QUALITIES };

const PAGE_PATH = /^\/v1\/workflows\/[^/]+\/pages\/\d+$/;

/** True when `url` is a rendered page (its quality can be chosen). */
export function isPageUrl(url: string): boolean {
  return PAGE_PATH.test(new URL(url, "http://x").pathname);
}

/** `url` at `quality` when it is a page; anything else unchanged. */
export function withQuality(url: string, quality: PageQuality): string {
  const parsed = new URL(url, "http://x");
  if (!PAGE_PATH.test(parsed.pathname)) return url;
  parsed.searchParams.set("quality", quality);
  return `${parsed.pathname}?${parsed.searchParams}`;
}
