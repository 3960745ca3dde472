/** Phase 6's preview: the lettered pages and every line per panel. */
import type { PreviewAt, ReviewView } from "../../../engine/step-catalog";
import { pageImages } from "./page-images";
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
    images: pageImages(at.runId, out.pages),
  };
}
