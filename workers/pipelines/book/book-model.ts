/**
 * The book as the pipeline sees it after splitting: (parts →) chapters → sections → paragraph
 * units. Parts are optional: a book whose table of contents has none has `parts: []`.
 * Every unit points at an exact slice of one source file; within a file the slices of its units
 * are contiguous and together are the whole file (see split/split-book.ts).
 */

export type BookFormat =
  "single-file" | "mdbook" | "gitbook" | "vitepress" | "docusaurus" | "review" | "numbered-folder" | "folder";

export type BookWarningCode =
  | "toc_missing_file"
  | "toc_duplicate_file"
  | "toc_draft_chapter"
  | "sidebar_not_static"
  | "include_missing"
  | "include_too_deep"
  | "include_too_large"
  | "image_missing"
  | "image_remote"
  | "image_unsupported"
  | "drawio_unrendered"
  | "diagram_failed"
  | "file_not_text"
  | "file_empty"
  | "unlisted_markdown";

export interface BookWarning {
  code: BookWarningCode;
  message: string;
  path?: string;
  detail?: string;
}

/** An image or diagram a unit refers to. `path` is the book-relative file for local images. */
export type ImageRef =
  | { kind: "file"; src: string; path: string; alt: string }
  | { kind: "mermaid" | "svg"; code: string; offset: number }
  | { kind: "remote"; src: string; alt: string };

/** A link to another part of the book, resolved to the unit/section/chapter it lands in. */
export interface BookLink {
  href: string;
  path: string;
  fragment?: string;
  targetId?: string;
}

export interface Unit {
  /** Stable id, e.g. "ch03/s02/p05". */
  id: string;
  number: number;
  /** Book-relative path of the source file. */
  path: string;
  /** Offsets in the decoded text of `path` (UTF-16 code units, as JavaScript strings index). */
  start: number;
  end: number;
  /** Exactly `fileText.slice(start, end)`. */
  source: string;
  /** `source` with `{{#include}}` and book variables resolved: what generators read. */
  text: string;
  tokens: number;
  /** mdast types of the top-level blocks, e.g. ["heading", "paragraph", "code"]. */
  blocks: string[];
  images: ImageRef[];
  links: BookLink[];
}

export interface Section {
  id: string;
  number: number;
  slug: string;
  title: string;
  /** Explicit heading id (`{#id}`) when the section starts at a heading that has one. */
  anchor?: string;
  units: Unit[];
}

export interface Chapter {
  id: string;
  number: number;
  slug: string;
  title: string;
  /** The part the chapter belongs to (absent for a book without parts, or a preface outside). */
  partId?: string;
  /** The chapter this one is nested under in the table of contents (a sub-chapter). */
  parentId?: string;
  /** 1 for a chapter, 2 for a sub-chapter, … (the table of contents' nesting). */
  depth: number;
  /** Source files of the chapter in reading order. */
  files: string[];
  sections: Section[];
}

/** A part of the book: a titled group of chapters ("Part I: Basics", 第1部). */
export interface Part {
  /** "pt01", "pt02", … in reading order. */
  id: string;
  number: number;
  slug: string;
  title: string;
  /** Ids of its chapters (sub-chapters included), in reading order. */
  chapterIds: string[];
}

export interface Book {
  title: string;
  format: BookFormat;
  /** "ja" when at least a fifth of the letters are Japanese, else "en". */
  language: "ja" | "en";
  /** The folder inside the upload that holds the book ("" for the root). */
  root: string;
  parts: Part[];
  chapters: Chapter[];
  /** Every Markdown file that is part of the book, in reading order, with its length. */
  files: { path: string; length: number }[];
  warnings: BookWarning[];
}
