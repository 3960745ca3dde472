/** What a layout reader plans before any file is split: parts, chapters and their files. */
import type { BookFormat, BookWarning } from "../book-model.ts";

export interface PlannedPart {
  title: string;
}

export interface PlannedChapter {
  /** The title the table of contents gives it (front matter, headings or the file name else). */
  title?: string;
  files: string[];
  /** Index into `BookPlan.parts`. */
  part?: number;
  /** Index into `BookPlan.chapters` of the chapter this one is nested under. */
  parent?: number;
  /** 1 for a chapter, 2 for a sub-chapter, … */
  depth: number;
}

export interface BookPlan {
  format: BookFormat;
  root: string;
  tocPath?: string;
  parts: PlannedPart[];
  /** Empty for "single-file": chapters then come from the headings of `files[0]`. */
  chapters: PlannedChapter[];
  files: string[];
  warnings: BookWarning[];
  /** Where absolute site links (`/guide/intro`) start: VitePress / Docusaurus source folders. */
  siteRoot?: string;
}
