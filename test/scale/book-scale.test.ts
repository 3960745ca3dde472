/**
 * Whole book runs of real shapes at scale, offline, inside workerd (project `book-scale`, a
 * workerd of its own): each must split as planned, plan exactly the steps its shape implies
 * (no absurd step counts), run to `completed` without stalling, and store every output.
 * One big run per shape keeps CI's time in check; figures are logged for docs/benchmarks.md.
 * The deadlines are for a loaded 2-core machine (about 14 steps/s there, 2026-12-02): a stall
 * fails within 30 s anyway (runToEnd), so a generous deadline only bounds a slow run.
 */
import { describe, expect, it } from "vitest";
import { createTestKey } from "../support/api";
import { book1000, chapter500, gitbook, plannedSteps, type BookShape } from "./book-shapes";
import { allNodes, artifactJson, artifactKinds, countBy, runToEnd, uploadBook } from "./run-book";

async function runShape(shape: BookShape, timeoutMs: number) {
  const { key } = await createTestKey();
  const uploaded = await uploadBook(key, shape);
  expect(uploaded.book.parts).toHaveLength(shape.parts);
  expect(uploaded.book.chapters).toHaveLength(shape.chapters);
  expect(uploaded.book.sections).toBe(shape.sections);
  if (typeof shape.units === "number") expect(uploaded.book.units).toBe(shape.units);
  else {
    expect(uploaded.book.units).toBeGreaterThanOrEqual(shape.units.min);
    expect(uploaded.book.units).toBeLessThanOrEqual(shape.units.max);
  }
  const units = uploaded.book.units;
  const { id, run, elapsedMs } = await runToEnd(key, uploaded.id, { timeoutMs });
  expect(run.status, JSON.stringify(run.progress)).toBe("completed");

  const nodes = await allNodes(key, id);
  const byHandler = countBy(nodes, (n) => n.handler ?? n.kind);
  // What the shape implies, handler by handler: anything else is an absurd plan.
  expect(byHandler).toEqual({
    split: 1,
    figures: shape.chapters,
    structure: shape.sections,
    article: units,
    script: units,
    scriptJson: units,
    sectionArticle: shape.sections,
    chapterArticle: shape.chapters,
    chapterMetadata: shape.chapters,
    tweets: shape.chapters,
    description: shape.chapters,
    thumbnail: shape.chapters,
    ...(shape.parts > 0 ? { partArticle: shape.parts, partDescription: shape.parts } : {}),
    bookMetadata: 1,
    bookIndex: 1,
  });
  expect(nodes).toHaveLength(plannedSteps({ ...shape, units }));
  // What the upload showed before the run is what the run planned.
  expect(uploaded.plannedSteps.total).toBe(nodes.length);
  expect(run.progress.total).toBe(nodes.length);
  expect(nodes.filter((n) => n.status !== "done")).toEqual([]);

  const kinds = await artifactKinds(key, id);
  for (const kind of ["source", "article", "script", "script_json"]) expect(kinds[kind], kind).toBe(units);
  expect(kinds.section_article).toBe(shape.sections);
  for (const kind of ["chapter_article", "chapter_metadata", "tweets", "description", "thumbnail"])
    expect(kinds[kind], kind).toBe(shape.chapters);
  for (const kind of ["part_article", "part_description"]) expect(kinds[kind] ?? 0, kind).toBe(shape.parts);
  expect(kinds.book_index).toBe(1);
  expect(kinds.book_metadata).toBe(1);
  // Figures are stored by content hash: the shape's images are one PNG referenced from several
  // pages, so they are stored once.
  expect(kinds.image ?? 0).toBe(shape.images > 0 ? 1 : 0);
  const metadata = await artifactJson<{ chapterCount: number; language: string }>(key, id, "book_metadata");
  expect(metadata).toMatchObject({ chapterCount: shape.chapters, language: "ja" });

  // Last, so everything above is checked first: no step ran twice (each would be paid twice).
  const rerun = nodes.filter((n) => n.attempts !== 1);
  expect(
    rerun.length,
    `${rerun.length} step(s) needed more than one attempt, e.g. ${JSON.stringify(rerun.slice(0, 5))}`,
  ).toBe(0);

  const kb = Math.round(shape.zip.byteLength / 1024);
  // One line per shape for docs/benchmarks.md (steps a book of N KB plans, and how long it ran).
  console.log(
    JSON.stringify({
      shape: shape.name,
      zipKb: kb,
      files: shape.files,
      parts: shape.parts,
      chapters: shape.chapters,
      sections: shape.sections,
      units,
      steps: nodes.length,
      elapsedMs,
    }),
  );
  return { id, key };
}

describe("book runs at scale, offline", () => {
  it("a 300-file GitBook (README table of contents, 10 parts, 290 chapters, Japanese, code, images) completes", async () => {
    // 6,063 steps since chapters follow files (290 of them) and parts have outputs of their own.
    await runShape(gitbook(), 900_000);
  }, 960_000);

  it("a chapter of 500 units completes: its description joins 501 steps", async () => {
    await runShape(chapter500(), 480_000);
  }, 540_000);

  it("a book of 1,000 chapters completes: its index joins 1,000 structures", async () => {
    const { id, key } = await runShape(book1000(), 1_500_000);
    const index = await artifactJson<{ entries: { unitIds: string[] }[] }>(key, id, "book_index");
    expect(index.entries.length).toBeGreaterThan(0);
  }, 1_560_000);
});
