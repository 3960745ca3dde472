import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { comicInfoXml } from "../../../workers/media/manga/export/comic-info.ts";
import { pageFileName } from "../../../workers/media/manga/export/build-cbz.ts";

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true }).parse(xml)
    .ComicInfo;

describe("comicInfoXml", () => {
  const pages = [
    { width: 1600, height: 2262, size: 1000 },
    { width: 1600, height: 2262, size: 2000 },
  ];

  it("is valid XML that keeps markup in the metadata as text", () => {
    const xml = comicInfoXml(
      {
        title: 'A <b>"bold"</b> & tale',
        summary: "</Summary><Evil/>",
        writer: "O'Neil",
        language: "en",
        direction: "ltr",
      },
      pages,
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    const info = parse(xml);
    expect(info.Title).toBe('A <b>"bold"</b> & tale');
    expect(info.Summary).toBe("</Summary><Evil/>");
    expect(info.Writer).toBe("O'Neil");
    expect(info.Evil).toBeUndefined();
  });

  it("marks rtl books YesAndRightToLeft, ltr ones Yes, and lists every page with its size", () => {
    expect(parse(comicInfoXml({ title: "t", language: "ja", direction: "rtl" }, pages)).Manga).toBe(
      "YesAndRightToLeft",
    );
    const info = parse(comicInfoXml({ title: "t", language: "en", direction: "ltr" }, pages));
    expect(info.Manga).toBe("Yes");
    expect(info.PageCount).toBe(2);
    expect(info.Pages.Page).toEqual([
      { Image: "0", Type: "FrontCover", ImageSize: "1000", ImageWidth: "1600", ImageHeight: "2262" },
      { Image: "1", ImageSize: "2000", ImageWidth: "1600", ImageHeight: "2262" },
    ]);
  });

  it("follows the schema's element order (Title … Writer … PageCount, LanguageISO … Manga, Pages)", () => {
    const xml = comicInfoXml(
      { title: "t", series: "s", summary: "x", writer: "w", year: 2026, language: "ja", direction: "rtl" },
      pages,
    );
    const order = [...xml.matchAll(/^ {2}<(\w+)/gm)].map((m) => m[1]);
    expect(order).toEqual([
      "Title",
      "Series",
      "Summary",
      "Year",
      "Writer",
      "PageCount",
      "LanguageISO",
      "BlackAndWhite",
      "Manga",
      "Pages",
    ]);
  });
});

describe("pageFileName", () => {
  it("numbers pages so that name order is page order", () => {
    expect([pageFileName(0, 8), pageFileName(9, 8), pageFileName(999, 1200)]).toEqual([
      "001.png",
      "010.png",
      "1000.png",
    ]);
    expect(pageFileName(0, 1200)).toBe("0001.png");
  });
});
