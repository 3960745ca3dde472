/** Phase 7's preview: the final pages, the quality report and the exports. */
import type { PreviewAt, ReviewView } from "../../../engine/step-catalog";
import { PAGE_HEIGHT, PAGE_WIDTH } from "../../../media/manga/types";
import { artifactUrl, pageUrl } from "../keys";
import type { Final } from "../schemas/final";

export function finalView(out: Final, at: PreviewAt): ReviewView {
  return {
    kind: "manga.final-pages",
    title: `${out.pages.length} pages — ${out.report.ok ? "no errors" : "has errors"}, ${out.report.findings.length} findings`,
    sections: [
      {
        heading: "Quality report",
        lines: out.report.findings.length
          ? out.report.findings.map(
              (f) => `${f.severity} p${f.page}${f.panelId ? ` ${f.panelId}` : ""} ${f.code}: ${f.message}`,
            )
          : ["no problems found"],
      },
      {
        heading: "Exports",
        lines: [
          ...out.exports.pngPages,
          ...(out.exports.cbz ? [out.exports.cbz] : []),
          ...(out.exports.pdf ? [out.exports.pdf] : []),
        ].map((key) => artifactUrl(at.runId, key)),
      },
    ],
    images: out.pages.map((p) => ({
      url: pageUrl(at.runId, p.page, p.composition),
      caption: `Page ${p.page}`,
      target: `page ${p.page}`,
      width: PAGE_WIDTH,
      height: PAGE_HEIGHT,
    })),
  };
}
