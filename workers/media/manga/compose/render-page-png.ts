/**
 * A page (or storyboard, or any page-sized SVG) → PNG at one of the five preview qualities, by
 * resvg-wasm with the embedded Japanese font (media/render/svg-to-png). Width is exactly
 * QUALITY_WIDTHS[quality]; height follows the 1 : √2 page. Callers cache the bytes by content
 * hash and quality; this function is what `bench:hitl` times per quality.
 */
import { svgToPng, type RenderedPng } from "../../render/svg-to-png.ts";
import { QUALITY_WIDTHS, type Quality } from "../types.ts";

/**
 * @example
 * const { png, width, height } = await renderPagePng(composePageSvg(page), "preview"); // 320 × 452
 */
export async function renderPagePng(svg: string, quality: Quality): Promise<RenderedPng> {
  return svgToPng(svg, { width: QUALITY_WIDTHS[quality], background: "#ffffff" });
}
