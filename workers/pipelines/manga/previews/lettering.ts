/** Phase 6's preview: the lettered pages and every line per panel. */
import type { PreviewAt, ReviewView } from "../../../engine/step-catalog";
import { PAGE_HEIGHT, PAGE_WIDTH } from "../../../media/manga/types";
import { pageUrl } from "../keys";
import type { Lettering } from "../schemas/lettering";

export function letteringView(out: Lettering, at: PreviewAt): ReviewView {
  return {
    kind: "manga.lettered-pages",
    title: `${out.pages.length} lettered pages${out.vertical ? " (vertical text)" : ""}`,
    sections: out.panels
      .filter((p) => p.items.length)
      .map((p) => ({
        heading: p.panelId,
        lines: p.items.map((i) => `${i.kind}${i.speakerId ? ` ${i.speakerId}` : ""}: ${i.text}`),
      })),
    images: out.pages.map((p) => ({
      url: pageUrl(at.runId, p.page, p.composition),
      caption: `Page ${p.page}`,
      target: `page ${p.page}`,
      width: PAGE_WIDTH,
      height: PAGE_HEIGHT,
    })),
  };
}
