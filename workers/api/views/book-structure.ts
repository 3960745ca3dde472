/**
 * A split book as the upload answer shows it: parts, chapters (with their place in the table of
 * contents and what they hold), sections, units and figures — the structure a user checks before
 * starting a run. Only counts and titles: the text stays in the upload.
 */
import type { z } from "zod";
import type { createdUploadSchema } from "../../protocol/uploads";
import type { Book, Chapter } from "../../pipelines/book/book-model";

type BookStructure = z.input<typeof createdUploadSchema>["book"];

/** Images and diagrams the run renders (remote images are never fetched, so not counted). */
function figuresOf(chapter: Chapter): number {
  return chapter.sections.reduce(
    (n, s) => n + s.units.reduce((m, u) => m + u.images.filter((ref) => ref.kind !== "remote").length, 0),
    0,
  );
}

export function bookStructure(book: Book): BookStructure {
  const chapters = book.chapters.map((ch) => ({
    id: ch.id,
    title: ch.title,
    sections: ch.sections.length,
    ...(ch.partId ? { partId: ch.partId } : {}),
    ...(ch.parentId ? { parentId: ch.parentId } : {}),
    depth: ch.depth,
    units: ch.sections.reduce((n, s) => n + s.units.length, 0),
    figures: figuresOf(ch),
    files: ch.files,
  }));
  return {
    title: book.title,
    format: book.format,
    language: book.language,
    parts: book.parts.map((part) => ({ id: part.id, title: part.title, chapterIds: part.chapterIds })),
    chapters,
    sections: chapters.reduce((n, ch) => n + ch.sections, 0),
    units: chapters.reduce((n, ch) => n + ch.units, 0),
    figures: chapters.reduce((n, ch) => n + ch.figures, 0),
  };
}
