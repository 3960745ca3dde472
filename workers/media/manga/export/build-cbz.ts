/**
 * A CBZ: a zip of the page images named 001.png, 002.png, … (readers sort by name) with
 * ComicInfo.xml beside them. PNGs are stored, not deflated again (they are compressed already);
 * a fixed timestamp keeps the bytes the same for the same pages.
 */
import { zipSync, strToU8, type Zippable } from "fflate";
import { rasterInfo } from "../../render/image-size.ts";
import type { BookInfo } from "../types.ts";
import { comicInfoXml } from "./comic-info.ts";

/** 2000-01-01: zip timestamps must be after 1980, and a fixed one keeps output deterministic. */
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));

export function pageFileName(index: number, count: number): string {
  return `${String(index + 1).padStart(Math.max(3, String(count).length), "0")}.png`;
}

/**
 * @example
 * const cbz = buildCbz([png1, png2], { title: "星の海", language: "ja", direction: "rtl" });
 */
export function buildCbz(pages: Uint8Array[], info: BookInfo): Uint8Array {
  const sizes = pages.map((png, i) => {
    const raster = rasterInfo(png);
    if (raster?.type !== "png") throw new TypeError(`page ${i + 1} is not a PNG image`);
    return { width: raster.width, height: raster.height, size: png.byteLength };
  });
  const files: Zippable = {
    "ComicInfo.xml": [strToU8(comicInfoXml(info, sizes)), { level: 9, mtime: FIXED_MTIME }],
  };
  pages.forEach((png, i) => {
    files[pageFileName(i, pages.length)] = [png, { level: 0, mtime: FIXED_MTIME }];
  });
  return zipSync(files);
}
