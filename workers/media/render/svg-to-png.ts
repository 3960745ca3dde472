/**
 * SVG → PNG, rendered by the media Worker (workers/media/service/rasterize.ts: resvg-wasm with
 * the embedded Japanese font). The options and limits are documented there.
 */
import { mediaService, unwrap } from "../media-client.ts";
import type { RenderedPng, SvgToPngOptions } from "../service/rasterize.ts";

export type { RenderedPng, SvgToPngOptions };

/**
 * @example
 * const { png } = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
 * @throws MediaError svg_invalid, svg_too_large
 */
export async function svgToPng(svg: string, options: SvgToPngOptions = {}): Promise<RenderedPng> {
  // Rpc.Result<RenderedPng> is RenderedPng itself: plain data, nothing stubbed.
  return (await unwrap((await mediaService()).svgToPng(svg, options))) as RenderedPng;
}
