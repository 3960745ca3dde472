/**
 * Every figure a book can hold → PNG bytes plus their content address. Local PNGs pass through;
 * JPEG and GIF are redrawn as PNG by resvg (embedded as a data URI in an SVG of the same size);
 * SVG, `.drawio.svg`, ```svg fences and ```mermaid fences are rendered. User SVG is never
 * returned or stored as SVG: only the PNG leaves this module.
 */
import { MediaError } from "../media-error.ts";
import { sha256Hex } from "../../crypto/sha256.ts";
import { toBase64 } from "./base64.ts";
import { isDrawioSvg, isRawDrawio, rawDrawioError } from "./drawio.ts";
import { rasterInfo } from "./image-size.ts";
import { mermaidToSvg } from "./mermaid-to-svg.ts";
import { svgToPng } from "./svg-to-png.ts";

export type ImageSource =
  | { kind: "file"; path: string; bytes: Uint8Array }
  | { kind: "mermaid"; code: string }
  | { kind: "svg"; code: string };

export interface PngImage {
  png: Uint8Array;
  width: number;
  height: number;
  /** Hex SHA-256 of `png`; store it under `images/{sha256}.png`. */
  sha256: string;
  from: "png" | "jpeg" | "gif" | "svg" | "drawio-svg" | "mermaid";
}

export const MAX_RASTER_PIXELS = 16_000_000;
/** Figures wider than this are scaled down: articles never need more. */
export const MAX_FIGURE_WIDTH = 2000;

async function rasterToPng(path: string, bytes: Uint8Array): Promise<Omit<PngImage, "sha256">> {
  const info = rasterInfo(bytes);
  if (!info) throw new MediaError("image_unsupported", `${path} is not a PNG, JPEG, GIF or SVG image`);
  if (info.width * info.height > MAX_RASTER_PIXELS || info.width === 0 || info.height === 0) {
    throw new MediaError("image_too_large", `${path} is ${info.width}×${info.height} pixels`);
  }
  if (info.type === "png") return { png: bytes, width: info.width, height: info.height, from: "png" };
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${info.width}" height="${info.height}"><image width="${info.width}" height="${info.height}" ` +
    `xlink:href="data:image/${info.type};base64,${toBase64(bytes)}"/></svg>`;
  const rendered = await svgToPng(svg, { maxPixels: MAX_RASTER_PIXELS });
  return { ...rendered, from: info.type };
}

async function svgFigure(svg: string, from: PngImage["from"]): Promise<Omit<PngImage, "sha256">> {
  // Small figures are drawn at twice their size so text stays sharp on high-density screens.
  const probe = /\bwidth="(\d+(?:\.\d+)?)(?:px)?"/.exec(svg.slice(0, 2000));
  const ownWidth = probe ? Number(probe[1]) : undefined;
  const width = ownWidth ? Math.min(MAX_FIGURE_WIDTH, ownWidth * 2) : undefined;
  const rendered = await svgToPng(svg, width ? { width } : {});
  return { ...rendered, from };
}

/**
 * @throws MediaError (turn it into a warning artifact; never fail the book on one figure)
 * @example
 * const image = await imageToPng({ kind: "mermaid", code: "graph TD\n A-->B" });
 * await env.BUCKET.put(layout.image(image.sha256), image.png, { httpMetadata: { contentType: "image/png" } });
 */
export async function imageToPng(source: ImageSource): Promise<PngImage> {
  let image: Omit<PngImage, "sha256">;
  if (source.kind === "mermaid") image = await svgFigure(await mermaidToSvg(source.code), "mermaid");
  else if (source.kind === "svg") image = await svgFigure(source.code, "svg");
  else if (isRawDrawio(source.path)) throw rawDrawioError(source.path);
  else if (/\.svg$/i.test(source.path)) {
    const text = new TextDecoder().decode(source.bytes);
    image = await svgFigure(text, isDrawioSvg(source.path, text) ? "drawio-svg" : "svg");
  } else image = await rasterToPng(source.path, source.bytes);
  return { ...image, sha256: await sha256Hex(image.png) };
}
