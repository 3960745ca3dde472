/**
 * Books of real shapes and large sizes, generated in the test (nothing big is committed):
 * - a GitBook of 300 files: `README.md` is the table of contents (parts as top-level entries,
 *   their pages nested under them), Japanese prose, code blocks, images, links between pages;
 * - one chapter of 500 paragraph units (25 sections of 20);
 * - a book of 1,000 chapters (GitBook `SUMMARY.md`), one short section each, so the book's
 *   index and metadata steps join 1,000 dependencies.
 * Every generator returns the files and the counts the splitter must find, so a test can check
 * the split before it checks the run.
 */
import { zipSync } from "fflate";

export type BookShape = {
  name: string;
  zip: Uint8Array;
  files: number;
  parts: number;
  chapters: number;
  sections: number;
  /** Exact when every unit is built to fill the budget; else the bounds the split must respect. */
  units: number | { min: number; max: number };
  images: number;
};

const encoder = new TextEncoder();

/** A 1×1 PNG: real image bytes the figure step stores as they are. */
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

const PROSE = [
  "型システムはプログラムの誤りを実行前に見つけるための仕組みです。",
  "関数の引数と戻り値に型を付けると、呼び出し側の間違いをコンパイラが指摘してくれます。",
  "ジェネリクスを使えば、同じ処理をさまざまな型に対して安全に書けます。",
  "非同期処理では Promise と async/await を組み合わせて読みやすいコードを書きます。",
  "モジュールは名前空間を分け、依存関係をはっきりさせます。",
];

/** About `chars` characters of Japanese prose, varied by `seed` so units differ. */
function prose(seed: number, chars: number): string {
  let out = "";
  for (let i = seed; out.length < chars; i++) out += PROSE[i % PROSE.length];
  return `${out}（${seed}）`;
}

function code(seed: number, lines = 6): string {
  const body = Array.from(
    { length: lines },
    (_, i) => `  const value${i} = compute(${seed} + ${i}); // 値 ${i}`,
  ).join("\n");
  return "```ts\nfunction example" + seed + "() {\n" + body + "\n}\n```";
}

function zip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 6 });
}

/**
 * 10 parts × (1 part README + 28 pages) + the top README + 9 images = 300 files. Each page has
 * lead paragraph and two `##` sections (prose, a code block, a list; every 30th page an image,
 * every page a link to the next), so the book has 10 chapters (the parts), 860 sections. Smaller books of the same
 * shape (the fault suite's) come from other `parts` and `pages`.
 */
export function gitbook(PARTS = 10, PAGES = 28, tag = ""): BookShape {
  const files: Record<string, Uint8Array> = {};
  let toc = "# TypeScript 実践ガイド\n\n";
  let sections = 0;
  let images = 0;
  for (let part = 1; part <= PARTS; part++) {
    toc += `* [第${part}部 基礎と応用](part${part}/README.md)\n`;
    files[`book/part${part}/README.md`] = encoder.encode(
      `# 第${part}部 基礎と応用\n\n${prose(part, 120)}${tag}\n\n## この部で学ぶこと\n\n${prose(part + 1, 200)}${tag}\n`,
    );
    // The part's lead paragraph is a section of its own, then its `##` section.
    sections += 2;
    for (let page = 1; page <= PAGES; page++) {
      const n = part * 100 + page;
      toc += `  * [${page}. 型と関数 ${n}](part${part}/page${page}.md)\n`;
      const image = n % 30 === 1 && images < 9 ? `images/figure${++images}.png` : null;
      if (image) files[`book/${image}`] = PNG;
      const next = page < PAGES ? `[次のページ](page${page + 1}.md)` : `[部の先頭](README.md)`;
      const text =
        `# ${page}. 型と関数 ${n}${tag}\n\n${prose(n, 150)}${tag}\n\n` +
        `## 基本 ${n}\n\n${prose(n + 1, 300)}${tag}\n\n${code(n)}\n\n- 要点 A ${n}\n- 要点 B ${n}\n\n` +
        (image ? `![図 ${n}](../${image})\n\n` : "") +
        `## 応用 ${n}\n\n${prose(n + 2, 300)}${tag}\n\n${code(n + 1, 4)}\n\n${next}\n`;
      files[`book/part${part}/page${page}.md`] = encoder.encode(text);
      // The lead paragraph under the page title, then the two `##` sections.
      sections += 3;
    }
  }
  files["book/README.md"] = encoder.encode(toc);
  return {
    name: `gitbook-${Object.keys(files).length}.zip`,
    zip: zip(files),
    files: Object.keys(files).length,
    parts: PARTS,
    chapters: PARTS * (PAGES + 1),
    sections,
    // Every section's text is under one unit's token budget: one unit per section.
    units: sections,
    images,
  };
}

/**
 * One chapter file of 25 sections × 20 blocks, each block over the 600-token unit budget on its
 * own (so each is one unit): 500 units that the chapter's description step depends on at once.
 */
export function chapter500(): BookShape {
  const SECTIONS = 25;
  const BLOCKS = 20;
  let text = "# 大きな章\n\n";
  for (let s = 1; s <= SECTIONS; s++) {
    text += `## 節 ${s}\n\n`;
    for (let b = 1; b <= BLOCKS; b++) {
      const n = s * 100 + b;
      // Every 4th unit is a long code block (never cut), the others ~650 CJK characters.
      text += b % 4 === 0 ? `${code(n, 40)}\n\n` : `${prose(n, 650)}\n\n`;
    }
  }
  const files = {
    "book/SUMMARY.md": encoder.encode("# Summary\n\n* [大きな章](big-chapter.md)\n"),
    "book/big-chapter.md": encoder.encode(text),
  };
  return {
    name: "chapter-500.zip",
    zip: zip(files),
    files: 2,
    parts: 0,
    chapters: 1,
    sections: SECTIONS,
    units: SECTIONS * BLOCKS,
    images: 0,
  };
}

/** 1,000 chapter files listed in SUMMARY.md, one short section (one unit) each. */
export function book1000(): BookShape {
  const files: Record<string, Uint8Array> = {};
  let summary = "# Summary\n\n";
  for (let c = 1; c <= 1000; c++) {
    summary += `* [第${c}章](chapters/ch${c}.md)\n`;
    files[`book/chapters/ch${c}.md`] = encoder.encode(`# 第${c}章\n\n${prose(c, 80)}\n`);
  }
  files["book/SUMMARY.md"] = encoder.encode(summary);
  return {
    name: "book-1000.zip",
    zip: zip(files),
    files: 1001,
    parts: 0,
    chapters: 1000,
    sections: 1000,
    units: 1000,
    images: 0,
  };
}

/**
 * Steps the book pipeline plans (workers/pipelines/book/steps/split-step.ts): per unit article,
 * script, scriptJson; per section structure, sectionArticle; per chapter figures, chapterArticle,
 * chapterMetadata, tweets, description, thumbnail; per part partArticle, partDescription; per
 * book split, bookMetadata, bookIndex. The upload answer's `plannedSteps` must agree.
 */
export function plannedSteps(shape: {
  parts: number;
  chapters: number;
  sections: number;
  units: number;
}): number {
  return 3 * shape.units + 2 * shape.sections + 6 * shape.chapters + 2 * shape.parts + 3;
}
