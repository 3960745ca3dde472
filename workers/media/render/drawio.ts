/**
 * draw.io files. A `.drawio.svg` is an ordinary SVG with the diagram's XML in a `content`
 * attribute; it renders like any SVG (HTML labels sit in `<foreignObject>`, which resvg skips,
 * and draw.io writes a plain-text `<switch>` fallback that resvg draws instead). A raw `.drawio`
 * file is only the XML model: drawing it would need draw.io's own renderer, so it is reported.
 */
import { MediaError } from "../media-error.ts";

export function isDrawioSvg(path: string, svg?: string): boolean {
  return /\.drawio\.svg$/i.test(path) || (svg !== undefined && /<svg[^>]*\bcontent="[^"]*mxfile/i.test(svg));
}

export function isRawDrawio(path: string): boolean {
  return /\.(drawio|dio)$/i.test(path);
}

export function rawDrawioError(path: string): MediaError {
  return new MediaError(
    "drawio_unrendered",
    `${path} is a raw draw.io file; export it as .drawio.svg (File → Export as → SVG, "Include a copy of my diagram") to get a PNG`,
  );
}
