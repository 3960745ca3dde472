/**
 * The pages as a PDF, built by the media Worker (workers/media/service/pdf.ts, pdf-lib): one
 * B5-wide PDF page per PNG, right-to-left viewer preference for rtl books, fixed dates.
 */
import { mediaService, unwrap } from "../../media-client.ts";
import type { BookInfo } from "../types.ts";

/**
 * @example
 * const pdf = await buildPdf([png1, png2], { title: "星の海", language: "ja", direction: "rtl" });
 */
export async function buildPdf(pages: Uint8Array[], info: BookInfo): Promise<Uint8Array> {
  return (await unwrap((await mediaService()).buildPdf(pages, info))) as Uint8Array;
}
