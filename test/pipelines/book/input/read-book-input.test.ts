import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { BookInputError } from "../../../../workers/pipelines/book/errors.ts";
import {
  bookInputFromText,
  readBookInput,
} from "../../../../workers/pipelines/book/input/read-book-input.ts";
import { defaultBookLimits } from "../../../../workers/pipelines/book/limits.ts";
import { toApiError } from "../../../../workers/api/errors";

const utf8 = (text: string) => new TextEncoder().encode(text);

function errorOf(run: () => unknown): BookInputError {
  try {
    run();
  } catch (err) {
    if (err instanceof BookInputError) return err;
    throw err;
  }
  throw new Error("expected a BookInputError");
}

describe("readBookInput", () => {
  it("accepts a single Markdown file and names it .md", () => {
    const upload = readBookInput(utf8("# Title\n\nText\n"), { name: "notes.txt" });
    expect(upload.kind).toBe("file");
    expect([...upload.files.keys()]).toEqual(["notes.txt.md"]);
  });

  it("rejects empty, whitespace-only and binary files with codes and statuses", () => {
    expect(errorOf(() => readBookInput(new Uint8Array()))).toMatchObject({
      code: "empty_input",
      status: 400,
    });
    expect(errorOf(() => bookInputFromText(" \n\t\n"))).toMatchObject({ code: "empty_input", status: 400 });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(errorOf(() => readBookInput(png))).toMatchObject({ code: "binary_input", status: 415 });
    expect(errorOf(() => readBookInput(new Uint8Array([0xff, 0xfe, 0x41, 0x42])))).toMatchObject({
      code: "binary_input",
    });
  });

  it("rejects input over the size limit with 413", () => {
    const limits = { ...defaultBookLimits, maxInputBytes: 10 };
    const err = errorOf(() => readBookInput(utf8("# A long enough text"), { limits }));
    expect(err).toMatchObject({ code: "too_large", status: 413, details: { limit: 10 } });
    // The API maps every pipeline input error to its error body (workers/api/errors.ts).
    expect(toApiError(err).toBody()).toEqual({
      error: { code: "too_large", message: err.message, details: err.details },
    });
    expect(toApiError(err).status).toBe(413);
  });

  it("reads a zip and drops archiver junk", () => {
    const zip = zipSync({
      "book/a.md": utf8("# A"),
      "__MACOSX/book/._a.md": utf8("x"),
      "book/.DS_Store": utf8("x"),
    });
    const upload = readBookInput(zip, { name: "book.zip" });
    expect([...upload.files.keys()]).toEqual(["book/a.md"]);
  });

  it("rejects a zip with no Markdown", () => {
    const zip = zipSync({ "image.png": new Uint8Array([1, 2, 3]) });
    expect(errorOf(() => readBookInput(zip))).toMatchObject({ code: "no_markdown", status: 400 });
  });

  it("rejects path traversal in any entry", () => {
    for (const name of [
      "../evil.md",
      "book/../../evil.md",
      "/etc/passwd",
      "C:/evil.md",
      "a\\..\\..\\evil.md",
    ]) {
      const zip = zipSync({ "book/a.md": utf8("# A"), [name]: utf8("x") });
      expect(
        errorOf(() => readBookInput(zip)),
        name,
      ).toMatchObject({ code: "zip_path_traversal", status: 400 });
    }
  });

  it("rejects too many files before inflating anything", () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`ch${i}.md`, utf8(`# ${i}`)]));
    const limits = { ...defaultBookLimits, maxFiles: 5 };
    expect(errorOf(() => readBookInput(zipSync(files), { limits }))).toMatchObject({
      code: "too_many_files",
      status: 400,
      details: { entries: 6, limit: 5 },
    });
  });

  it("stops a compression bomb while inflating", () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = zipSync({ "a.md": utf8("# A"), "bomb.md": zeros }, { level: 9 });
    expect(zip.byteLength).toBeLessThan(64 * 1024);
    const limits = { ...defaultBookLimits, maxFileBytes: 4 * 1024 * 1024 };
    // The declared size is checked first…
    expect(errorOf(() => readBookInput(zip, { limits }))).toMatchObject({ code: "too_large" });
    // …and a ratio far beyond any real book stops the inflate even within the size limits.
    expect(errorOf(() => readBookInput(zip))).toMatchObject({ code: "compression_bomb", status: 400 });
  });

  it("counts real output when the declared size lies", () => {
    const zeros = new Uint8Array(3 * 1024 * 1024);
    const zip = zipSync({ "bomb.md": zeros }, { level: 9 });
    // Patch the central directory's uncompressed size (offset 24 in the entry) to 10 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let at = zip.byteLength - 22;
    while (view.getUint32(at, true) !== 0x06054b50) at--;
    const central = view.getUint32(at + 16, true);
    view.setUint32(central + 24, 10, true);
    const limits = { ...defaultBookLimits, maxFileBytes: 1024 * 1024, maxCompressionRatio: 1e9 };
    expect(errorOf(() => readBookInput(zip, { limits }))).toMatchObject({ code: "compression_bomb" });
  });

  it("rejects something that starts like a zip but is not one", () => {
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(errorOf(() => readBookInput(broken))).toMatchObject({ code: "invalid_zip", status: 400 });
  });

  it("skips symbolic links", () => {
    const zip = zipSync({
      "a.md": utf8("# A"),
      "link.md": [utf8("/etc/passwd"), { os: 3, attrs: (0o120777 << 16) >>> 0 }],
    });
    expect([...readBookInput(zip).files.keys()]).toEqual(["a.md"]);
  });
});
