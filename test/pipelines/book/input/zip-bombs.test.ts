/**
 * Zip bombs are refused early and cheaply: a small archive may not make the reader hold much
 * more than the limits, whatever its entries claim.
 */
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { BookInputError } from "../../../../workers/pipelines/book/errors.ts";
import { readBookInput } from "../../../../workers/pipelines/book/input/read-book-input.ts";
import { defaultBookLimits } from "../../../../workers/pipelines/book/limits.ts";

const MiB = 1024 * 1024;

function errorOf(run: () => unknown): BookInputError {
  try {
    run();
  } catch (err) {
    if (err instanceof BookInputError) return err;
    throw err;
  }
  throw new Error("expected a BookInputError");
}

/** `count` entries of `size` zero bytes each, deflated as hard as possible. */
function zerosZip(count: number, size: number): Uint8Array {
  const zeros = new Uint8Array(size);
  const files = Object.fromEntries(Array.from({ length: count }, (_, i) => [`ch${i}.md`, zeros]));
  return zipSync({ "README.md": new TextEncoder().encode("# Book\n"), ...files }, { level: 9 });
}

describe("zip bombs", () => {
  it("refuses a ~112 KB zip that inflates to 100 MiB (many entries, each under 1 MiB)", () => {
    const zip = zerosZip(100, MiB);
    expect(zip.byteLength).toBeLessThan(120 * 1024);
    const error = errorOf(() => readBookInput(zip));
    expect(error).toMatchObject({ code: "compression_bomb", status: 400 });
    // Stopped within the first bomb entry, not after inflating the lot.
    expect((error.details as { entry: string }).entry).toBe("ch0.md");
  }, 30_000); // building the bomb (100 MiB through deflate) is the slow part

  it("checks the ratio from an entry's first bytes: a 300 KB entry of zeros is refused", () => {
    // 300 KiB of zeros deflates to ~300 bytes: a ratio of ~1000, far beyond any book's Markdown.
    const zip = zerosZip(1, 300 * 1024);
    expect(errorOf(() => readBookInput(zip))).toMatchObject({ code: "compression_bomb" });
  });

  it("caps the total inflated size even when every entry's ratio is plausible", () => {
    // Random-ish text compresses ~2x: plausible per entry, too much together.
    const text = new TextEncoder().encode(
      Array.from({ length: 150_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(" "),
    );
    const entries = Math.ceil((defaultBookLimits.maxTotalBytes + MiB) / text.byteLength);
    const files = Object.fromEntries(Array.from({ length: entries }, (_, i) => [`ch${i}.md`, text]));
    const zip = zipSync(files, { level: 1 });
    expect(errorOf(() => readBookInput(zip))).toMatchObject({ code: "too_large" });
  }, 30_000);

  it("keeps real books working: Markdown at ordinary ratios, tiny files, an SVG", () => {
    const chapter = new TextEncoder().encode(
      Array.from({ length: 2_000 }, (_, i) => `Paragraph ${i}: the thread is spun and reviewed.`).join(
        "\n\n",
      ),
    );
    const svg = new TextEncoder().encode(
      `<svg xmlns="http://www.w3.org/2000/svg">${'<rect x="1" y="1" width="2" height="2"/>'.repeat(3_000)}</svg>`,
    );
    const zip = zipSync(
      {
        "SUMMARY.md": new TextEncoder().encode("# Summary\n\n- [One](one.md)\n- [Two](two.md)\n"),
        "one.md": chapter,
        "two.md": new TextEncoder().encode("# Two\n\n" + "-".repeat(2_000) + "\n"),
        "images/figure.svg": svg,
      },
      { level: 9 },
    );
    const upload = readBookInput(zip);
    expect([...upload.files.keys()].sort()).toEqual(["SUMMARY.md", "images/figure.svg", "one.md", "two.md"]);
  });

  it("states limits well inside a 128 MB isolate", () => {
    const { maxInputBytes, maxTotalBytes, maxFileBytes } = defaultBookLimits;
    // What one upload can make the reader hold at once: the upload and everything inflated.
    expect(maxInputBytes + maxTotalBytes + maxFileBytes).toBeLessThanOrEqual(64 * MiB);
  });
});
