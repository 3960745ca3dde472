/**
 * A finished page as one SVG document in page units: white paper, each panel's image clipped to
 * its rectangle (embedded as a data: URI — nothing external, no scripts), a hatched placeholder
 * where an image is missing, the panel borders, the balloons with their lettering in the
 * embedded Japanese font, and the page number. This vector composition is what is stored;
 * renderPagePng rasterises it at any quality on demand.
 */
import { EMBEDDED_FONT_FAMILY } from "../../fonts/font-family.ts";
import { toBase64 } from "../../render/base64.ts";
import { balloonSvg } from "../lettering/balloon-svg.ts";
import { PAGE_HEIGHT, PAGE_MARGINS, PAGE_WIDTH, type ComposedPage, type PanelRect } from "../types.ts";

/** Panel border width in page units (about 0.5 mm on a B5 page). */
export const BORDER_WIDTH = 3;

const n = (v: number) => Math.round(v * 100) / 100;

function rectAttributes(r: PanelRect): string {
  return `x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}"`;
}

/** Open SVG document wrapper of a page; shared with the storyboard. */
export function pageSvg(body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" viewBox="0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}">` +
    `<rect width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" fill="#ffffff"/>${body}</svg>`
  );
}

export function pageNumberSvg(page: number): string {
  const y = PAGE_HEIGHT - PAGE_MARGINS.bottom / 2 + 7;
  return `<text x="${PAGE_WIDTH / 2}" y="${y}" text-anchor="middle" font-family="${EMBEDDED_FONT_FAMILY}" font-size="20" fill="#333333">${page}</text>`;
}

/**
 * @example
 * const svg = composePageSvg({ layout, images: { p1: { mimeType: "image/png", bytes } }, lettering: { p1: balloons } });
 */
export function composePageSvg(page: ComposedPage): string {
  const parts: string[] = [
    `<defs><pattern id="missing" width="16" height="16" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="16" height="16" fill="#f1f1f1"/><path d="M0 0V16" stroke="#c4c4c4" stroke-width="4"/></pattern></defs>`,
  ];
  page.layout.panels.forEach((panel, i) => {
    const image = page.images[panel.intent.id];
    const clip = `panel-clip-${i}`;
    parts.push(`<clipPath id="${clip}"><rect ${rectAttributes(panel.rect)}/></clipPath>`);
    if (image) {
      const uri = `data:${image.mimeType};base64,${toBase64(image.bytes)}`;
      parts.push(
        `<image ${rectAttributes(panel.rect)} preserveAspectRatio="xMidYMid slice" clip-path="url(#${clip})" xlink:href="${uri}"/>`,
      );
    } else {
      parts.push(`<rect ${rectAttributes(panel.rect)} fill="url(#missing)"/>`);
    }
  });
  for (const panel of page.layout.panels) {
    parts.push(
      `<rect ${rectAttributes(panel.rect)} fill="none" stroke="#111111" stroke-width="${BORDER_WIDTH}" stroke-linejoin="miter"/>`,
    );
  }
  for (const panel of page.layout.panels) {
    for (const balloon of page.lettering[panel.intent.id] ?? []) parts.push(balloonSvg(balloon));
  }
  parts.push(pageNumberSvg(page.layout.page));
  return pageSvg(parts.join(""));
}
