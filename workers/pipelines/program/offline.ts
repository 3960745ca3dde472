/**
 * What the offline provider answers for a program run, built from the brief itself so a fresh
 * checkout runs the whole pipeline with no keys: a small text toolkit (words, counts, slugs) whose
 * tests use the brief's own first sentence. Its first draft carries one known bug (slugs keep
 * leading and trailing dashes), so every offline run shows the fix loop: round 1 fails one test
 * in the sandbox, round 2 sends the fixed module and all tests pass.
 */
import { sentencesOf } from "../../providers/offline/sentences";
import type { ProgramFiles, ProgramSpec } from "./schemas";

export function briefTitle(brief: string, title?: string): string {
  if (title) return title;
  const first = (sentencesOf(brief)[0] ?? brief).replace(/\s+/g, " ").trim();
  return first.length > 60 ? `${first.slice(0, 57)}…` : first;
}

export function offlineProgramSpec(brief: string, title?: string): ProgramSpec {
  const name = briefTitle(brief, title);
  return {
    title: `Text toolkit: ${name}`,
    summary: `A dependency-free JavaScript module that splits text into words, counts them, ranks the most frequent and makes URL slugs — the building blocks the brief's program needs ("${name}").`,
    modules: [
      {
        path: "lib/text.js",
        purpose: "Word splitting, counting, ranking and slugs for any script (Unicode letters and digits).",
        exports: [
          {
            name: "words",
            signature: "words(text: string): string[]",
            description: "Runs of letters or digits, in order.",
          },
          {
            name: "wordCount",
            signature: "wordCount(text: string): number",
            description: "How many words the text has.",
          },
          {
            name: "topWords",
            signature: "topWords(text: string, n: number): [string, number][]",
            description:
              "The n most frequent lower-cased words with their counts, ties in alphabetical order.",
          },
          {
            name: "slugify",
            signature: "slugify(text: string): string",
            description: "Lower-case ASCII letters and digits joined by single dashes, none at either end.",
          },
        ],
      },
    ],
    behaviours: [
      "wordCount of the brief's first sentence matches its words",
      "an empty text has no words",
      "topWords ranks by count, then alphabetically",
      "slugify drops punctuation and trims dashes at both ends",
    ],
    assumptions: [
      "The offline provider cannot read intent: it builds a general text toolkit from the brief; a real model follows the brief.",
    ],
    sources: [],
  };
}

const textModule = (fixed: boolean) => `/** Words, counts and slugs for any script. */
const WORD = /[\\p{L}\\p{N}]+/gu;

export function words(text) {
  return text.match(WORD) ?? [];
}

export function wordCount(text) {
  return words(text).length;
}

export function topWords(text, n) {
  const counts = new Map();
  for (const word of words(text.toLowerCase())) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n);
}

export function slugify(text) {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\\u0300-\\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")${fixed ? `\n    .replace(/^-+|-+$/g, "")` : ""};
}
`;

const testModule = (sentence: string, count: number) => `import { test, assert } from "../testkit.js";
import { slugify, topWords, wordCount } from "../lib/text.js";

const SENTENCE = ${JSON.stringify(sentence)};

test("counts the words of the brief's first sentence", () => {
  assert.equal(wordCount(SENTENCE), ${count});
});

test("an empty text has no words", () => {
  assert.equal(wordCount(""), 0);
});

test("ranks words by count, then alphabetically", () => {
  assert.deepEqual(topWords("b a B c b a", 2), [["b", 3], ["a", 2]]);
});

test("slugs drop punctuation and trim dashes", () => {
  assert.equal(slugify("  Hello, World! "), "hello-world");
  assert.equal(slugify("Crème brûlée"), "creme-brulee");
});
`;

/** Round 1 (`round` 1) has the slug bug; any later round is fixed. */
export function offlineProgramFiles(brief: string, round: number): ProgramFiles {
  const sentence = (sentencesOf(brief)[0] ?? brief).slice(0, 300);
  const count = (sentence.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  const fixed = round > 1;
  return {
    files: [
      { path: "lib/text.js", content: textModule(fixed) },
      { path: "test/text.test.js", content: testModule(sentence, count) },
    ],
    notes: fixed
      ? "Round 2: slugify now trims the dashes left by leading and trailing punctuation."
      : "First draft of the text toolkit and its tests.",
  };
}
