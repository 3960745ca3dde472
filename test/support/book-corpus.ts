/**
 * The corpus books and seed documents provided by corpus-global-setup.ts, as upload-shaped maps.
 */
import { zipSync } from "fflate";
import { inject } from "vitest";

function decodeBase64(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** Files of one corpus book (e.g. "rust-book-en"), keyed by path inside the book. */
export function corpusBook(name: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const [path, base64] of Object.entries(inject("bookCorpus"))) {
    if (path.startsWith(`${name}/`)) files.set(path.slice(name.length + 1), decodeBase64(base64));
  }
  return files;
}

/** The seed documents: file name → bytes. */
export function seedDocuments(): Map<string, Uint8Array> {
  return new Map(Object.entries(inject("bookSeeds")).map(([path, base64]) => [path, decodeBase64(base64)]));
}

/** A file of test/fixtures/book (e.g. "images/tiny.jpg"). */
export function bookFixture(path: string): Uint8Array {
  const base64 = inject("bookFixtures")[path];
  if (base64 === undefined) throw new Error(`no fixture ${path}`);
  return decodeBase64(base64);
}

/** Zips files under a top folder, the way a user would upload a book folder. */
export function zipBook(files: Map<string, Uint8Array>, folder = "book"): Uint8Array {
  const tree: Record<string, Uint8Array> = {};
  for (const [path, bytes] of files) tree[folder ? `${folder}/${path}` : path] = bytes;
  return zipSync(tree, { level: 6 });
}

export const hasCorpus = Object.keys(inject("bookCorpus")).length > 0;

/** Every file of a folder of test/fixtures/book (e.g. "layouts/review"), keyed by path inside it. */
export function bookFixtureTree(folder: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const [path, base64] of Object.entries(inject("bookFixtures"))) {
    if (path.startsWith(`${folder}/`)) files.set(path.slice(folder.length + 1), decodeBase64(base64));
  }
  if (files.size === 0) throw new Error(`no fixture folder ${folder}`);
  return files;
}
