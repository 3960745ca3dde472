/**
 * What a run of a split book will cost in steps, before it starts: counted from the very graph
 * the split step spawns (`bookGraph`), so the figure shown at upload is the figure the run plans.
 *
 * steps = 3·units + 2·sections + 6·chapters + 2·parts + 3
 *
 * per unit article, script, scriptJson · per section structure, sectionArticle · per chapter
 * figures, chapterArticle, chapterMetadata, tweets, description, thumbnail · per part
 * partArticle, partDescription · per book split, bookMetadata, bookIndex.
 */
import type { Book } from "../book-model";
import { bookGraph } from "./split-step";

export type StepLevel = "unit" | "section" | "chapter" | "part" | "book";

export const STEP_FORMULA = "3·units + 2·sections + 6·chapters + 2·parts + 3";

const LEVEL_OF: Record<string, StepLevel> = {
  article: "unit",
  script: "unit",
  scriptJson: "unit",
  structure: "section",
  sectionArticle: "section",
  figures: "chapter",
  chapterArticle: "chapter",
  chapterMetadata: "chapter",
  tweets: "chapter",
  description: "chapter",
  thumbnail: "chapter",
  partArticle: "part",
  partDescription: "part",
  split: "book",
  bookMetadata: "book",
  bookIndex: "book",
};

export interface PlannedSteps {
  total: number;
  formula: string;
  breakdown: { level: StepLevel; count: number; handlers: string[]; steps: number }[];
}

/**
 * @example
 * plannedSteps(splitBook(upload)); // { total: 412, formula: "3·units + …", breakdown: [{ level: "unit", count: 120, … }] }
 */
export function plannedSteps(book: Book): PlannedSteps {
  const handlers = new Map<string, number>([["split", 1]]);
  for (const node of bookGraph(book, { runId: "upload", title: book.title, language: book.language })) {
    const name = node.handler ?? node.id;
    handlers.set(name, (handlers.get(name) ?? 0) + 1);
  }
  const sections = book.chapters.flatMap((c) => c.sections);
  const counts: Record<StepLevel, number> = {
    unit: sections.reduce((n, s) => n + s.units.length, 0),
    section: sections.length,
    chapter: book.chapters.length,
    part: book.parts.length,
    book: 1,
  };
  const levels: StepLevel[] = ["unit", "section", "chapter", "part", "book"];
  const breakdown = levels.map((level) => {
    const names = Object.keys(LEVEL_OF).filter((name) => LEVEL_OF[name] === level);
    return {
      level,
      count: counts[level],
      handlers: names,
      steps: names.reduce((n, name) => n + (handlers.get(name) ?? 0), 0),
    };
  });
  return { total: [...handlers.values()].reduce((a, b) => a + b, 0), formula: STEP_FORMULA, breakdown };
}
