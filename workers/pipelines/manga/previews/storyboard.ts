/** Phase 4's preview: each page drawn as rough panels with notes, plus the panel list. */
import type { PreviewAt, ReviewView } from "../../../engine/step-catalog";
import { PAGE_HEIGHT, PAGE_WIDTH } from "../../../media/manga/types";
import { pageUrl } from "../keys";
import type { Storyboard } from "../schemas/storyboard";

export function storyboardView(board: Storyboard, at: PreviewAt): ReviewView {
  return {
    kind: "manga.storyboard",
    title: `${board.pages.length} pages, read ${board.direction === "rtl" ? "right to left" : "left to right"}`,
    sections: board.pages.map((page) => ({
      heading: `Page ${page.page}`,
      lines: page.panels.map(
        (p) => `${p.readingOrder}. ${p.id} ${p.shot}/${p.angle} [${p.characters.join(", ")}] ${p.action}`,
      ),
    })),
    images: board.pages.flatMap((page) =>
      page.rough
        ? [
            {
              url: pageUrl(at.runId, page.page, page.rough),
              caption: `Page ${page.page} (rough)`,
              target: `page ${page.page}`,
              width: PAGE_WIDTH,
              height: PAGE_HEIGHT,
            },
          ]
        : [],
    ),
  };
}
