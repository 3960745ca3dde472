/**
 * SVG → PNG with resvg compiled to WebAssembly (@cf-wasm/resvg, the build for workerd). resvg
 * never runs scripts and never fetches: external `href`s simply do not render. Text uses the
 * embedded Japanese-capable font, whatever family the SVG asks for.
 */
import { Resvg } from "@cf-wasm/resvg/workerd";
import { EMBEDDED_FONT_FAMILY, embeddedFontBuffers } from "../fonts/embedded-font.ts";
import { MediaError } from "../media-error.ts";

export interface SvgToPngOptions {
  /** Output width in pixels (height follows the aspect ratio). Default: the SVG's own size. */
  width?: number;
  /** Background colour; default white, because diagrams are drawn for light backgrounds. */
  background?: string;
  /** Largest output in pixels (width × height); bigger requests are scaled down. */
  maxPixels?: number;
}

export interface RenderedPng {
  png: Uint8Array;
  width: number;
  height: number;
}

export const MAX_SVG_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_PIXELS = 16_000_000;

/**
 * @example
 * const { png } = await rasterize('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
 */
export async function rasterize(svg: string, options: SvgToPngOptions = {}): Promise<RenderedPng> {
  if (svg.length > MAX_SVG_BYTES) throw new MediaError("svg_too_large", `SVG is over ${MAX_SVG_BYTES} bytes`);
  const font = {
    fontBuffers: embeddedFontBuffers(),
    defaultFontFamily: EMBEDDED_FONT_FAMILY,
    sansSerifFamily: EMBEDDED_FONT_FAMILY,
    serifFamily: EMBEDDED_FONT_FAMILY,
    monospaceFamily: EMBEDDED_FONT_FAMILY,
  };
  const render = (width?: number) =>
    Resvg.async(svg, {
      font,
      background: options.background ?? "#ffffff",
      fitTo: width ? { mode: "width", value: Math.round(width) } : { mode: "original" },
    });
  let resvg: Resvg;
  try {
    resvg = await render(options.width);
  } catch (cause) {
    throw new MediaError("svg_invalid", `SVG could not be parsed: ${String(cause)}`, { cause });
  }
  try {
    const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
    // `width`/`height` are the SVG's own size; `fitTo` scales only the rendered image.
    const scale = options.width ? options.width / Math.max(1, resvg.width) : 1;
    if (resvg.width * resvg.height * scale * scale > maxPixels) {
      // Too big at the requested size: render again at the largest width that fits.
      const width = Math.floor(Math.sqrt(maxPixels * (resvg.width / Math.max(1, resvg.height))));
      resvg.free();
      resvg = await render(width);
    }
    const image = resvg.render();
    try {
      return { png: image.asPng(), width: image.width, height: image.height };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
