/**
 * ComicInfo.xml (the Anansi / ComicRack schema v2.0 that CBZ readers such as Komga, Kavita,
 * Tachiyomi and YACReader read). Elements follow the schema's sequence order; `Manga` is
 * `YesAndRightToLeft` for rtl books so readers page right to left; `<Pages>` gives each page's
 * pixel size, the first one marked as the front cover.
 */
import { escapeXml } from "../../render/escape-xml.ts";
import type { BookInfo } from "../types.ts";

export interface PageImageInfo {
  width: number;
  height: number;
  /** File size in bytes. */
  size: number;
}

/**
 * @example
 * comicInfoXml({ title: "星の海", language: "ja", direction: "rtl" }, [{ width: 1600, height: 2262, size: 81234 }]);
 */
export function comicInfoXml(info: BookInfo, pages: PageImageInfo[]): string {
  const element = (name: string, value: string | number | undefined) =>
    value === undefined || value === "" ? "" : `  <${name}>${escapeXml(String(value))}</${name}>\n`;
  const pageRows = pages
    .map(
      (page, i) =>
        `    <Page Image="${i}"${i === 0 ? ' Type="FrontCover"' : ""} ImageSize="${page.size}" ImageWidth="${page.width}" ImageHeight="${page.height}"/>\n`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<ComicInfo xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
    element("Title", info.title) +
    element("Series", info.series ?? info.title) +
    element("Summary", info.summary) +
    element("Year", info.year) +
    element("Writer", info.writer) +
    element("PageCount", pages.length) +
    element("LanguageISO", info.language) +
    element("BlackAndWhite", "No") +
    element("Manga", info.direction === "rtl" ? "YesAndRightToLeft" : "Yes") +
    `  <Pages>\n${pageRows}  </Pages>\n` +
    `</ComicInfo>\n`
  );
}
