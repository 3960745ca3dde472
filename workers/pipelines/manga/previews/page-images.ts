/** Composed pages as preview images: URLs of the pages route at preview quality, by hash. */
import type { ReviewView } from "../../../engine/step-catalog";
import { PAGE_HEIGHT, PAGE_WIDTH } from "../../../media/manga/types";
import { pageUrl } from "../keys";

export function pageImages(
  runId: string,
  pages: { page: number; composition: string }[],
  label = "",
): ReviewView["images"] {
  return pages.map((p) => ({
    url: pageUrl(runId, p.page, p.composition),
    caption: `Page ${p.page}${label}`,
    target: `page ${p.page}`,
    width: PAGE_WIDTH,
    height: PAGE_HEIGHT,
  }));
}
