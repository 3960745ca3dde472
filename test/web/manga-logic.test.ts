/**
 * The manga pieces of the browser app with logic, in plain Node: page URLs at a chosen quality,
 * page turns in the reading direction and zoom steps, the story form's request, and the form's
 * limits kept in step with the pipeline's own input schema.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { mangaInputSchema } from "../../workers/pipelines/manga/input.ts";
import { MANGA_INPUT_LIMITS } from "../../workers/protocol/manga.ts";
import { mangaRequest } from "../../web/src/manga/manga-request.ts";
import { isPageUrl, withQuality } from "../../web/src/review/page-quality.ts";
import { pageAfterKey, zoomAfterKey } from "../../web/src/results/reader-keys.ts";

test("page images take the chosen quality; other images stay as they are", () => {
  const page = "/v1/workflows/wf_1/pages/3?quality=preview&composition=" + "a".repeat(64);
  assert.ok(isPageUrl(page));
  assert.equal(
    withQuality(page, "high"),
    `/v1/workflows/wf_1/pages/3?quality=high&composition=${"a".repeat(64)}`,
  );
  assert.equal(withQuality("/v1/workflows/wf_1/pages/3", "low"), "/v1/workflows/wf_1/pages/3?quality=low");
  const panel = "/v1/workflows/wf_1/artifacts/manga/images/abc.png";
  assert.equal(isPageUrl(panel), false);
  assert.equal(withQuality(panel, "ultra"), panel);
});

test("pages turn in the reading direction: ArrowLeft goes forward in a right-to-left book", () => {
  assert.equal(pageAfterKey("ArrowLeft", 1, 8, "rtl"), 2);
  assert.equal(pageAfterKey("ArrowRight", 2, 8, "rtl"), 1);
  assert.equal(pageAfterKey("ArrowRight", 1, 8, "ltr"), 2);
  assert.equal(pageAfterKey("ArrowLeft", 2, 8, "ltr"), 1);
  // Never past either end; Home and End jump; other keys are not page turns.
  assert.equal(pageAfterKey("ArrowLeft", 8, 8, "rtl"), 8);
  assert.equal(pageAfterKey("ArrowRight", 1, 8, "rtl"), 1);
  assert.equal(pageAfterKey("End", 1, 8, "rtl"), 8);
  assert.equal(pageAfterKey("Home", 5, 8, "ltr"), 1);
  assert.equal(pageAfterKey("a", 5, 8, "ltr"), null);
});

test("zoom steps through fixed levels and stops at both ends", () => {
  assert.equal(zoomAfterKey("+", 1), 1.5);
  assert.equal(zoomAfterKey("-", 1), 0.75);
  assert.equal(zoomAfterKey("+", 2), 2);
  assert.equal(zoomAfterKey("-", 0.5), 0.5);
  assert.equal(zoomAfterKey("0", 2), 1);
  assert.equal(zoomAfterKey("x", 1), null);
});

test("the story form starts the manga pipeline with only what was chosen", () => {
  const body = mangaRequest({
    story: "  A lighthouse keeper finds a letter with no address.  ",
    title: "",
    pages: 4,
    readingDirection: "auto",
    styleNotes: " ",
    mode: "dialog",
  });
  assert.deepEqual(body, {
    pipeline: "manga",
    input: { story: "A lighthouse keeper finds a letter with no address.", pages: 4 },
    options: { mode: "dialog" },
  });
  assert.ok(mangaInputSchema.safeParse(body.input).success);
  const full = mangaRequest({
    story: "A lighthouse keeper finds a letter with no address.",
    title: "Letters",
    pages: 2,
    readingDirection: "rtl",
    styleNotes: "ink wash",
    mode: "auto",
  });
  assert.deepEqual(full.input, {
    story: "A lighthouse keeper finds a letter with no address.",
    pages: 2,
    title: "Letters",
    readingDirection: "rtl",
    styleNotes: "ink wash",
  });
  assert.equal(full.title, "Letters");
  assert.ok(mangaInputSchema.safeParse(full.input).success);
});

test("the form's limits are the pipeline's", () => {
  const L = MANGA_INPUT_LIMITS;
  const story = (n: number) => "x".repeat(n);
  assert.ok(mangaInputSchema.safeParse({ story: story(L.minStoryChars) }).success);
  assert.equal(mangaInputSchema.safeParse({ story: story(L.minStoryChars - 1) }).success, false);
  assert.ok(mangaInputSchema.safeParse({ story: story(L.maxStoryBytes) }).success);
  assert.equal(mangaInputSchema.safeParse({ story: story(L.maxStoryBytes + 1) }).success, false);
  assert.equal(mangaInputSchema.parse({ story: story(30) }).pages, L.defaultPages);
  assert.ok(mangaInputSchema.safeParse({ story: story(30), pages: L.maxPages }).success);
  assert.equal(mangaInputSchema.safeParse({ story: story(30), pages: L.maxPages + 1 }).success, false);
  assert.ok(
    mangaInputSchema.safeParse({ story: story(30), styleNotes: story(L.maxStyleNotesChars) }).success,
  );
  assert.equal(
    mangaInputSchema.safeParse({ story: story(30), styleNotes: story(L.maxStyleNotesChars + 1) }).success,
    false,
  );
});
