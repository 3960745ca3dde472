/**
 * Limits on book input. They bound memory and time in a 128 MB isolate: every byte of a book
 * is held while it is split, so what one upload can make the reader hold at once — the upload
 * itself, every inflated file, and the one entry being inflated — stays under 64 MiB
 * (maxInputBytes + maxTotalBytes + maxFileBytes), and a zip bomb is stopped within its first
 * bytes by the ratio check (input/read-zip.ts). See the pipeline's README for the numbers.
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
  /**
   * Highest decompressed/compressed ratio of an entry, checked from its first bytes: the output
   * so far may not exceed this ratio times the compressed bytes read so far (counted as at
   * least `ratioMinCompressedBytes`, so a tiny file may still inflate to ratio × that).
   */
  maxCompressionRatio: number;
  ratioMinCompressedBytes: number;
  /** Deepest nesting of `{{#include}}` directives, and most bytes they may add to one file. */
  maxIncludeDepth: number;
  maxIncludeBytes: number;
}

export const defaultBookLimits: BookLimits = {
  maxInputBytes: 16 * 1024 * 1024,
  maxFileBytes: 8 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxFiles: 2000,
  // Markdown deflates about 3-5x and SVG up to ~20x; a ratio of 200 only ever comes from
  // crafted input (zero runs). 200 x 1 KiB lets small, very repetitive files (a rule of dashes)
  // through while a bomb entry is stopped after at most ~200 KiB of output per KiB read.
  maxCompressionRatio: 200,
  ratioMinCompressedBytes: 1024,
  maxIncludeDepth: 3,
  maxIncludeBytes: 1024 * 1024,
};
