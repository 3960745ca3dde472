/**
 * What each book step receives as input: ids, titles and slugs (enough to name its files and
 * fill its prompt) and, for paragraph units, the unit's text. Everything larger — earlier outputs,
 * figures, the book model — is read from R2 by reference, so no step holds the whole book.
 */
import type { ImageRef } from "../book-model";

export type Named = { id: string; slug: string; title: string };

export type BookInfo = { runId: string; title: string; language: "ja" | "en"; providers?: string[] };

export type UnitRef = {
  id: string;
  /** Book-relative path of the unit's file (figure paths are relative to it). */
  path: string;
  /** The unit's text with directives resolved: what the generators read. */
  text: string;
  images: ImageRef[];
};

export type UnitStepInput = { book: BookInfo; chapter: Named; section: Named; unit: UnitRef };
export type SectionStepInput = { book: BookInfo; chapter: Named; section: Named; units: string[] };
export type ChapterStepInput = {
  book: BookInfo;
  chapter: Named;
  sections: (Named & { units: string[] })[];
  /** Figures of the chapter: images referenced by its units, by unit path. */
  figures?: { unitPath: string; ref: ImageRef }[];
};
export type BookStepInput = { book: BookInfo; chapters: (Named & { sections: string[] })[] };

/** Node ids of a book run (stable: a retry or a revision addresses the same node). */
export const bookNodeIds = {
  split: "split",
  figures: (chapterId: string) => `${chapterId}/figures`,
  structure: (sectionId: string) => `${sectionId}/structure`,
  article: (unitId: string) => `${unitId}/article`,
  script: (unitId: string) => `${unitId}/script`,
  scriptJson: (unitId: string) => `${unitId}/script-json`,
  sectionArticle: (sectionId: string) => `${sectionId}/section`,
  chapterArticle: (chapterId: string) => `${chapterId}/chapter`,
  chapterMetadata: (chapterId: string) => `${chapterId}/metadata`,
  tweets: (chapterId: string) => `${chapterId}/tweets`,
  description: (chapterId: string) => `${chapterId}/description`,
  thumbnail: (chapterId: string) => `${chapterId}/thumbnail`,
  bookMetadata: "book/metadata",
  bookIndex: "book/index",
};

/** Where the split step keeps the image files figures are rendered from (not exported). */
export function workFileKey(runId: string, path: string): string {
  return `runs/${runId}/work/files/${path}`;
}
