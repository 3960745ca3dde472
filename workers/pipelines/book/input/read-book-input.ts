/**
 * An upload (raw bytes of a single Markdown file or a zip) → the files of the book, checked
 * against the limits. Nothing is stored here: callers store only after this succeeded, so a bad
 * upload never leaves half a book behind.
 */
import { BookInputError } from "../errors.ts";
import { defaultBookLimits, type BookLimits } from "../limits.ts";
import { decodeText } from "./decode-text.ts";
import { readZip } from "./read-zip.ts";

export interface BookUpload {
  kind: "file" | "zip";
  /** The upload's name (file name, or "book.md" for inline text). */
  name: string;
  /** Book files by relative path. For a single file, one entry named after the upload. */
  files: Map<string, Uint8Array>;
}

/** True when the bytes start like a zip archive (local file header or an empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    bytes[3] === bytes[2] + 1
  );
}

function markdownName(name: string): string {
  const base = name.replaceAll("\\", "/").split("/").pop() ?? "";
  const safe = base.replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/^[.-]+/, "");
  if (safe === "") return "book.md";
  return /\.(md|markdown)$/i.test(safe) ? safe : `${safe}.md`;
}

/**
 * @example
 * const upload = readBookInput(bytes, { name: "book.zip" });
 * const book = splitBook(upload);
 */
export function readBookInput(
  bytes: Uint8Array,
  options: { name?: string; limits?: BookLimits } = {},
): BookUpload {
  const limits = options.limits ?? defaultBookLimits;
  const name = options.name ?? "book.md";
  if (bytes.byteLength === 0) throw new BookInputError("empty_input", "The upload is empty");
  if (bytes.byteLength > limits.maxInputBytes) {
    throw new BookInputError(
      "too_large",
      `The upload is ${bytes.byteLength} bytes; the limit is ${limits.maxInputBytes}`,
      {
        size: bytes.byteLength,
        limit: limits.maxInputBytes,
      },
    );
  }
  if (isZip(bytes)) {
    const files = readZip(bytes, limits);
    // Markdown (mdBook, GitBook, VitePress, Docusaurus's .mdx) or Re:VIEW (.re) sources.
    if (![...files.keys()].some((path) => /\.(md|markdown|mdx|re)$/i.test(path))) {
      throw new BookInputError("no_markdown", "The zip holds no Markdown (.md) or Re:VIEW (.re) file", {
        files: files.size,
      });
    }
    return { kind: "zip", name, files };
  }
  if (bytes.byteLength > limits.maxFileBytes) {
    throw new BookInputError(
      "too_large",
      `The file is ${bytes.byteLength} bytes; the limit is ${limits.maxFileBytes}`,
      {
        size: bytes.byteLength,
        limit: limits.maxFileBytes,
      },
    );
  }
  // Decoding here rejects binary and empty files before anything is stored.
  decodeText(bytes, name);
  return { kind: "file", name, files: new Map([[markdownName(name), bytes]]) };
}

/** Inline text (small books sent in a JSON body) as an upload. */
export function bookInputFromText(
  text: string,
  name = "book.md",
  limits: BookLimits = defaultBookLimits,
): BookUpload {
  return readBookInput(new TextEncoder().encode(text), { name, limits });
}
