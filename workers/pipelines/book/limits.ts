/**
 * Limits on book input. They bound memory and time in a 128 MB isolate: every byte of a book
 * is held while it is split, so the totals here are far below the isolate's budget.
 */
export interface BookLimits {
  /** Largest upload (zip or single file), in bytes, before anything is decoded. */
  maxInputBytes: number;
  /** Largest single file once decompressed. */
  maxFileBytes: number;
  /** Largest sum of all decompressed files of a zip. */
  maxTotalBytes: number;
  /** Most entries (files) in a zip; directories do not count. */
  maxFiles: number;
  /** Highest decompressed/compressed ratio for an entry larger than `ratioFloorBytes`. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /** Deepest nesting of `{{#include}}` directives, and most bytes they may add to one file. */
  maxIncludeDepth: number;
  maxIncludeBytes: number;
}

export const defaultBookLimits: BookLimits = {
  maxInputBytes: 50 * 1024 * 1024,
  maxFileBytes: 10 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxFiles: 2000,
  // Markdown deflates about 3-5x and SVG up to ~20x; a ratio of 200 only ever comes from
  // crafted input (zero runs), and the floor keeps tiny highly-compressible files allowed.
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxIncludeDepth: 3,
  maxIncludeBytes: 1024 * 1024,
};
