/**
 * Zip entry names → safe relative paths. A name that could escape the extraction root (absolute,
 * drive letter, `..`, NUL) is an attack or a broken archive, so it fails the whole upload.
 */
import { BookInputError } from "../errors.ts";

/**
 * Normalises a zip entry name to a relative POSIX path, or throws `zip_path_traversal`.
 *
 * @example
 * safeZipPath("book/src/ch01.md"); // "book/src/ch01.md"
 * safeZipPath("../etc/passwd");    // throws
 */
export function safeZipPath(name: string): string {
  const unified = name.replaceAll("\\", "/");
  const reject = (reason: string): never => {
    throw new BookInputError("zip_path_traversal", `Zip entry "${name}" ${reason}`, { entry: name });
  };
  if (unified.includes("\0")) reject("contains a NUL byte");
  if (unified.startsWith("/")) reject("is an absolute path");
  if (/^[a-zA-Z]:/.test(unified)) reject("starts with a drive letter");
  const parts: string[] = [];
  for (const part of unified.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") reject("leaves the archive root (..)");
    parts.push(part);
  }
  return parts.join("/");
}

/** Entries that archivers add and that are never part of a book. */
export function isJunkPath(path: string): boolean {
  return (
    path.startsWith("__MACOSX/") ||
    path.split("/").some((part) => part === ".DS_Store" || part === ".git" || part === "Thumbs.db")
  );
}
