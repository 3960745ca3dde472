/**
 * Links between chapters, rewritten to the exported layout: a link from one unit to another
 * file of the book (`../part2/closures.md#moves`, `ch04-01.html`, `@<chap>{ch02}`) points, in the
 * text generators read, at the target unit's article in export.zip
 * (`../../../ch05-closures/s02-moves/p01/article.md`), which is where the article written from
 * this unit sits three folders below the book root. The source slice keeps the author's link.
 */
import type { Chapter, Unit } from "../book-model.ts";
import { bookOutputLayout } from "../output-layout.ts";

/** Any run id will do: only the part below the run's book root is used. */
const layout = bookOutputLayout("export");

export function rewriteChapterLinks(chapters: Chapter[]): void {
  const articleOf = new Map<string, string>();
  for (const chapter of chapters) {
    for (const section of chapter.sections) {
      for (const unit of section.units) {
        articleOf.set(unit.id, layout.exportPath(layout.unitFile(chapter, section, unit, "article.md")));
      }
    }
  }
  for (const unit of chapters.flatMap((c) => c.sections.flatMap((s) => s.units)))
    rewriteUnit(unit, articleOf);
}

function rewriteUnit(unit: Unit, articleOf: Map<string, string>): void {
  let text = unit.text;
  for (const link of unit.links) {
    const target = link.targetId ? articleOf.get(link.targetId) : undefined;
    if (!target) continue;
    const href = `../../../${target}`;
    text = text
      .split(`](${link.href})`)
      .join(`](${href})`)
      .split(`](${link.href} `)
      .join(`](${href} `)
      .split(`href="${link.href}"`)
      .join(`href="${href}"`);
  }
  unit.text = text;
}
