/**
 * A character sheet (phase 2's preview and the offline "image" of a character): the front-view
 * figure in the character's palette on a light grid, a larger head study, the palette as
 * swatches and the description, with the name as a label — in the embedded Japanese font.
 */
import { EMBEDDED_FONT_FAMILY } from "../../fonts/font-family.ts";
import { escapeXml } from "../../render/escape-xml.ts";
import { wrapText } from "../../thumbnail/wrap-text.ts";
import type { CharacterLook } from "../types.ts";
import { figureSvg } from "./figure.ts";
import { lookTraits } from "./look-traits.ts";

export const SHEET_WIDTH = 800;
export const SHEET_HEIGHT = 1000;

const n = (v: number) => Math.round(v * 10) / 10;

function grid(): string {
  let d = "";
  for (let x = 0; x <= SHEET_WIDTH; x += 40) d += `M${x} 0V${SHEET_HEIGHT}`;
  for (let y = 0; y <= SHEET_HEIGHT; y += 40) d += `M0 ${y}H${SHEET_WIDTH}`;
  return `<path stroke="#e3e6ea" stroke-width="1" d="${d}"/>`;
}

/**
 * @example
 * const svg = characterSheetSvg({ id: "aoi", name: "葵", hair: "long black hair", … });
 */
export function characterSheetSvg(look: CharacterLook): string {
  const traits = lookTraits(look);
  const font = `font-family="${EMBEDDED_FONT_FAMILY}"`;
  // Full figure: head radius chosen so that the figure stands between y=110 and y=880.
  const r = 60 * traits.height;
  const figure = figureSvg(traits, {
    characterId: look.id,
    head: { x: 250, y: 880 - 12 * r },
    headRadius: r,
    groundY: 880,
  });
  const study = figureSvg(traits, {
    characterId: look.id,
    head: { x: 610, y: 230 },
    headRadius: 95,
    groundY: 230 + 12 * 95,
  });
  const swatches = (["hair", "eyes", "skin", "outfit", "accent"] as const)
    .map((key, i) => {
      const y = 470 + i * 44;
      return `<rect x="500" y="${y}" width="34" height="34" rx="4" fill="${traits.colours[key]}" stroke="#1a1a1a" stroke-width="1.5"/><text x="546" y="${y + 24}" font-size="20" fill="#333333">${key} ${escapeXml(traits.colours[key])}</text>`;
    })
    .join("");
  const notes = [look.hair, look.eyes, look.build, look.outfit]
    .filter((line) => line && line.trim() !== "")
    .flatMap((line) => wrapText(line, 18, 270))
    .slice(0, 9)
    .map(
      (line, i) =>
        `<text x="500" y="${n(720 + i * 26)}" font-size="18" fill="#444444">${escapeXml(line)}</text>`,
    )
    .join("");
  const name = wrapText(look.name, 44, 720)[0] ?? look.id;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SHEET_WIDTH}" height="${SHEET_HEIGHT}" viewBox="0 0 ${SHEET_WIDTH} ${SHEET_HEIGHT}" ${font}>` +
    `<rect width="${SHEET_WIDTH}" height="${SHEET_HEIGHT}" fill="#fafbfc"/>${grid()}` +
    `<ellipse cx="250" cy="880" rx="110" ry="16" fill="#000000" fill-opacity="0.15"/>${figure}` +
    `<defs><clipPath id="study"><rect x="470" y="70" width="290" height="340" rx="12"/></clipPath></defs>` +
    `<rect x="470" y="70" width="290" height="340" rx="12" fill="#ffffff" stroke="#1a1a1a" stroke-width="2"/>` +
    `<g clip-path="url(#study)">${study}</g>${swatches}${notes}` +
    `<rect x="0" y="${SHEET_HEIGHT - 80}" width="${SHEET_WIDTH}" height="80" fill="#1a1a1a"/>` +
    `<text x="40" y="${SHEET_HEIGHT - 26}" font-size="44" fill="#ffffff">${escapeXml(name)}</text></svg>`
  );
}
