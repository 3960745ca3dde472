/**
 * The name (storyboard) preview of phase 4: each panel as a rough pencil box with its reading
 * order number in a circle, the shot and camera angle, who is in it and what happens, plus a
 * quick gesture sketch (heads where stageFigures puts them) so the framing can be judged before
 * any image exists. Rendered like a page (same units, same renderPagePng).
 */
import { EMBEDDED_FONT_FAMILY } from "../../fonts/font-family.ts";
import { escapeXml } from "../../render/escape-xml.ts";
import { wrapText } from "../../thumbnail/wrap-text.ts";
import { stageFigures } from "../staging.ts";
import { PAGE_WIDTH, type CharacterLook, type PageLayout } from "../types.ts";
import { pageNumberSvg, pageSvg } from "./compose-page-svg.ts";

const n = (v: number) => Math.round(v * 100) / 100;
const PENCIL = "#4b5563";

/**
 * @example
 * const svg = storyboardSvg(layoutPage(intent, "rtl"), looks);
 */
export function storyboardSvg(layout: PageLayout, looks: CharacterLook[] = []): string {
  const nameOf = (id: string) => looks.find((l) => l.id === id)?.name ?? id;
  const parts: string[] = [];
  for (const panel of layout.panels) {
    const { x, y, w, h } = panel.rect;
    const { intent } = panel;
    parts.push(
      `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="#fbfbf8" stroke="${PENCIL}" stroke-width="2.5" stroke-dasharray="14 3"/>`,
    );
    // Gesture sketch: a circle per head and a line for the body, where the art will put them.
    for (const figure of stageFigures(panel.rect, intent.shot, intent.characters)) {
      const r = figure.headRadius;
      const bottom = Math.min(y + h - 4, figure.groundY);
      parts.push(
        `<circle cx="${n(figure.head.x)}" cy="${n(figure.head.y)}" r="${n(r)}" fill="none" stroke="#9ca3af" stroke-width="2"/>` +
          (bottom > figure.head.y + r
            ? `<path d="M${n(figure.head.x)} ${n(figure.head.y + r)}V${n(bottom)}" stroke="#9ca3af" stroke-width="2"/>`
            : ""),
      );
    }
    const fontSize = Math.max(11, Math.min(18, w / 16));
    const label = `${intent.shot} · ${intent.angle}`;
    const who = intent.characters.map(nameOf).join("、");
    const where = intent.setting ? `〔${intent.setting}〕` : "";
    const notes = [
      ...wrapText(`${where}${who}`, fontSize, w - 24),
      ...wrapText(intent.action, fontSize, w - 24),
    ].filter((line) => line !== "");
    const maxLines = Math.max(0, Math.floor((h - 60) / (fontSize * 1.3)));
    parts.push(
      `<circle cx="${n(x + 22)}" cy="${n(y + 22)}" r="15" fill="${PENCIL}"/>` +
        `<text x="${n(x + 22)}" y="${n(y + 28)}" text-anchor="middle" font-size="17" fill="#ffffff">${panel.readingOrder}</text>` +
        `<text x="${n(x + 44)}" y="${n(y + 28)}" font-size="${n(fontSize)}" fill="${PENCIL}">${escapeXml(label)}</text>`,
    );
    notes.slice(0, maxLines).forEach((line, i) => {
      const ly = y + h - 12 - (Math.min(notes.length, maxLines) - 1 - i) * fontSize * 1.3;
      parts.push(
        `<text x="${n(x + 12)}" y="${n(ly)}" font-size="${n(fontSize)}" fill="#1f2937">${escapeXml(line)}</text>`,
      );
    });
  }
  const arrow = layout.direction === "rtl" ? "← 右から左へ読む (rtl)" : "read left to right (ltr) →";
  parts.push(
    `<text x="${PAGE_WIDTH / 2}" y="38" text-anchor="middle" font-size="18" fill="${PENCIL}">${escapeXml(arrow)}</text>`,
  );
  parts.push(pageNumberSvg(layout.page));
  return pageSvg(`<g font-family="${EMBEDDED_FONT_FAMILY}">${parts.join("")}</g>`);
}
