/**
 * What the upload sends for the files a person dropped: a zip or a single Markdown file as is;
 * several Markdown files zipped together (fflate) in the order given, so the server reads them as
 * one book (its numbered-files layout). Anything else is refused before a request is made.
 */
import { zipSync } from "fflate";

export type BookFileChoice = { ok: true; file: File } | { ok: false; reason: "empty" | "mixed" | "type" };

const MARKDOWN = /\.(md|markdown|txt)$/i;
const ZIP = /\.zip$/i;

export async function bookFileFrom(files: readonly File[]): Promise<BookFileChoice> {
  if (files.length === 0) return { ok: false, reason: "empty" };
  if (files.length === 1) {
    const [file] = files as [File];
    return ZIP.test(file.name) || MARKDOWN.test(file.name)
      ? { ok: true, file }
      : { ok: false, reason: "type" };
  }
  if (files.some((f) => ZIP.test(f.name))) return { ok: false, reason: "mixed" };
  if (!files.every((f) => MARKDOWN.test(f.name))) return { ok: false, reason: "type" };
  const entries: Record<string, Uint8Array> = {};
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
  for (const file of sorted) entries[file.name] = new Uint8Array(await file.arrayBuffer());
  const zipped = zipSync(entries, { level: 6 });
  return { ok: true, file: new File([zipped], "book.zip", { type: "application/zip" }) };
}
