/**
 * The offline provider's image: a labelled placeholder PNG rendered from SVG by the media Worker
 * (resvg; media/render/svg-to-png.ts). The label "OFFLINE" is drawn as strokes rather than text,
 * which keeps the placeholder independent of fonts.
 */
import { svgToPng } from "../../media/render/svg-to-png";

/** Stroke paths for the letters of OFFLINE on a 10×14 cell. */
const GLYPHS: Record<string, string> = {
  O: "M1 1 H9 V13 H1 Z",
  F: "M9 1 H1 V13 M1 7 H7",
  L: "M1 1 V13 H9",
  I: "M5 1 V13 M2 1 H8 M2 13 H8",
  N: "M1 13 V1 L9 13 V1",
  E: "M9 1 H1 V13 H9 M1 7 H7",
};

function label(word: string, x: number, y: number, scale: number): string {
  return [...word]
    .map(
      (ch, i) =>
        `<path transform="translate(${x + i * 13 * scale} ${y}) scale(${scale})" d="${GLYPHS[ch] ?? ""}"/>`,
    )
    .join("");
}

/** A hue from the prompt so different prompts give visibly different placeholders. */
function hueOf(prompt: string): number {
  let h = 0;
  for (const ch of prompt) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

export function placeholderSvg(prompt: string, width: number, height: number): string {
  const scale = Math.max(1, Math.floor(width / 13 / 9));
  const textWidth = 7 * 13 * scale;
  const x = Math.max(0, (width - textWidth) / 2);
  const y = height / 2 - 7 * scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" fill="hsl(${hueOf(prompt)} 35% 85%)"/>
<rect x="4" y="4" width="${width - 8}" height="${height - 8}" fill="none" stroke="#333" stroke-width="4" stroke-dasharray="16 8"/>
<g fill="none" stroke="#222" stroke-width="${Math.max(1, scale / 2)}" stroke-linecap="square">${label("OFFLINE", x, y, scale)}</g>
</svg>`;
}

export async function renderPlaceholderPng(
  prompt: string,
  width: number,
  height: number,
): Promise<Uint8Array> {
  // The SVG paints its own background, so svgToPng's default white never shows.
  return (await svgToPng(placeholderSvg(prompt, width, height))).png;
}
