/** Phase 5's preview: the grid of panel images, page by page. */
import type { PreviewAt, ReviewView } from "../../../engine/step-catalog";
import { artifactUrl } from "../keys";
import type { Images } from "../schemas/images";

export function imagesView(out: Images, at: PreviewAt): ReviewView {
  const pages = [...new Set(out.panels.map((p) => p.page))];
  return {
    kind: "manga.panel-grid",
    title: `${out.panels.length} panel images`,
    sections: pages.map((page) => ({
      heading: `Page ${page}`,
      lines: out.panels.filter((p) => p.page === page).map((p) => `${p.panelId} (${p.provider})`),
    })),
    images: out.panels.map((p) => ({
      url: artifactUrl(at.runId, p.key),
      caption: p.panelId,
      target: p.panelId,
      width: p.width,
      height: p.height,
    })),
  };
}
