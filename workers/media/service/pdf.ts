/**
 * A PDF with one page per manga page (pdf-lib, pure JavaScript: runs in workerd). Each PNG fills
 * a page of B5 width (182 mm) and the image's own aspect; rtl books ask viewers to page right to
 * left (ViewerPreferences /Direction /R2L). Dates are fixed unless given, so the same pages give
 * the same bytes.
 */
import { PDFDocument, ReadingDirection } from "pdf-lib";
import type { BookInfo } from "../manga/types.ts";

/** B5 width in PDF points (182 mm / 25.4 × 72). */
export const PDF_PAGE_WIDTH_PT = 515.91;
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * @example
 * const pdf = await buildPdfHere([png1, png2], { title: "星の海", language: "ja", direction: "rtl" });
 */
export async function buildPdfHere(pages: Uint8Array[], info: BookInfo): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.writer) pdf.setAuthor(info.writer);
  if (info.summary) pdf.setSubject(info.summary);
  pdf.setLanguage(info.language);
  pdf.setCreator("Tsumugi");
  pdf.setProducer("Tsumugi (pdf-lib)");
  pdf.setCreationDate(info.createdAt ?? FIXED_DATE);
  pdf.setModificationDate(info.createdAt ?? FIXED_DATE);
  if (info.direction === "rtl")
    pdf.catalog.getOrCreateViewerPreferences().setReadingDirection(ReadingDirection.R2L);
  for (const png of pages) {
    const image = await pdf.embedPng(png);
    const height = (PDF_PAGE_WIDTH_PT * image.height) / image.width;
    const page = pdf.addPage([PDF_PAGE_WIDTH_PT, height]);
    page.drawImage(image, { x: 0, y: 0, width: PDF_PAGE_WIDTH_PT, height });
  }
  return pdf.save();
}
