/**
 * A manga from a story to its downloads in dialog mode, by keyboard alone, against `wrangler dev`
 * with the offline provider: the story form → each of the seven review gates (revise, compare two
 * versions, select a version, edit in the form built from the step's schema, back, skip, a page
 * quality, approve) → the reader (page turns
 * in the book's right-to-left direction, zoom) → CBZ and PDF. axe-core on every review state.
 * Images are fetched with the key and shown as blob: URLs; no URL the page loads carries the key.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import {
  axe,
  noBrowser,
  openApp,
  screenshotPath,
  startSession,
  stopSession,
  type Session,
} from "./support/browser.ts";
import { tabTo } from "./support/keyboard.ts";

const STORY = readFileSync("samples/manga/umibe-no-tegami.md", "utf8");
const LONG = { timeout: 180_000 };

let session: Session;
const skip = noBrowser;

before(async () => {
  if (!skip) session = await startSession(3);
});
after(() => stopSession(session));

const gate = (page: Page, name: RegExp) => page.getByRole("heading", { name, level: 3 });

/** The focused element's value (textarea, select), read without touching the mouse. */
const focusedValue = (page: Page) =>
  page.evaluate<string>(
    `(() => { const e = document.activeElement; return e && "value" in e ? String(e.value) : ""; })()`,
  );

/**
 * Polls an expression in the page until it is true (waitForFunction would evaluate it with
 * eval, which the page's CSP refuses; evaluate goes through the DevTools protocol).
 */
async function until(page: Page, expression: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Tab to a select and move its choice with the arrow keys until `wanted` is chosen. */
async function chooseByKeyboard(page: Page, label: RegExp, wanted: string): Promise<void> {
  await tabTo(page, label);
  for (let i = 0; i < 12 && (await focusedValue(page)) !== wanted; i++)
    await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 12 && (await focusedValue(page)) !== wanted; i++) await page.keyboard.press("ArrowUp");
  assert.equal(await focusedValue(page), wanted, `${label} set to ${wanted}`);
}

async function approve(page: Page, name: string): Promise<void> {
  await tabTo(page, /^Approve$/);
  await page.keyboard.press("Enter");
  await gate(page, new RegExp(`Review: ${name}/review`)).waitFor({ state: "detached", ...LONG });
}

async function axeClean(page: Page, state: string): Promise<void> {
  assert.deepEqual(await axe(page), [], state);
}

test(
  "a manga in dialog mode, every phase reviewed by keyboard alone, read and downloaded",
  { skip },
  async () => {
    const { context, page, errors } = await openApp(session, { key: session.server.key });
    const keyInUrl: string[] = [];
    page.on("request", (req) => {
      if (req.url().includes(session.server.key)) keyInUrl.push(req.url());
    });
    await page.goto(`${session.server.base}/`);
    await page.getByRole("heading", { name: "Runs" }).waitFor();
    await tabTo(page, /^New manga$/);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "New manga" }).waitFor();
    // A story too short is refused by the form, in words a person reads.
    await tabTo(page, /^Story/);
    await page.keyboard.type("短い話");
    await tabTo(page, /^Start the run$/);
    await page.keyboard.press("Enter");
    await page.getByText("Write a story of at least 20 characters").waitFor();
    await axeClean(page, "new manga with a problem");
    await tabTo(page, /^Story/);
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(STORY);
    await tabTo(page, /^Pages/);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("2");
    await tabTo(page, /^Start the run$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/runs\/wf_[0-9a-f]{32}$/);
    const runId = page.url().split("/").pop()!;

    // 1 concept: ask for a revision, compare the two versions, go back to version 1, approve.
    await gate(page, /Review: concept\/review · Version 1/).waitFor(LONG);
    await page.locator(".view-manga-concept-card").waitFor();
    await axeClean(page, "concept card");
    await tabTo(page, /^Feedback for a revision/);
    await page.keyboard.type("もっと夏らしく、明るい雰囲気で");
    await tabTo(page, /^Ask for a revision$/);
    await page.keyboard.press("Enter");
    await gate(page, /Review: concept\/review · Version 2/).waitFor(LONG);
    await chooseByKeyboard(page, /^Compare with version/, "1");
    await page.getByRole("heading", { name: "Before (version 1)" }).waitFor();
    await page.getByRole("heading", { name: "After (version 2)" }).waitFor();
    await page.locator("pre.diff ins").first().waitFor();
    await axeClean(page, "concept, two versions compared");
    await chooseByKeyboard(page, /^Versions/, "1");
    await tabTo(page, /^Use this version$/);
    await page.keyboard.press("Enter");
    await gate(page, /Review: concept\/review · Version 1/).waitFor(LONG);
    await approve(page, "concept");

    // 2 characters: the sheets with their images, then an edit of the output (a new version).
    await gate(page, /Review: characters\/review · Version 1/).waitFor(LONG);
    await page.locator(".character-sheet img").first().waitFor(LONG);
    assert.match((await page.locator(".character-sheet img").first().getAttribute("src")) ?? "", /^blob:/);
    await axeClean(page, "character sheets");
    await tabTo(page, /^Edit the output$/);
    await page.keyboard.press("Enter");
    // The editor is a form built from the step's output schema; an empty name is refused here,
    // by path, before anything is sent.
    await tabTo(page, /^name$/);
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await tabTo(page, /^Save as a new version$/);
    await page.keyboard.press("Enter");
    await page.getByRole("alert").getByText("characters.0.name").waitFor();
    await axeClean(page, "characters, editing with a problem");
    await tabTo(page, /^name$/);
    await page.keyboard.type("ナギサ");
    await tabTo(page, /^Save as a new version$/);
    await page.keyboard.press("Enter");
    await gate(page, /Review: characters\/review · Version 2/).waitFor(LONG);
    await page.locator(".character-sheet h5", { hasText: "ナギサ" }).waitFor();
    await approve(page, "characters");

    // 3 plot: back to the characters (everything after re-runs), approve them again, then the plot.
    await gate(page, /Review: plot\/review/).waitFor(LONG);
    await page.locator(".view-manga-act-outline").waitFor();
    await axeClean(page, "act outline");
    await chooseByKeyboard(page, /^Back to an earlier gate/, "characters/review");
    await tabTo(page, /^Back to an earlier gate$/);
    await page.keyboard.press("Enter");
    await gate(page, /Review: characters\/review/).waitFor(LONG);
    await approve(page, "characters");
    await gate(page, /Review: plot\/review/).waitFor(LONG);
    await approve(page, "plot");

    // 4 storyboard: rough pages at a chosen quality, then skip (the offline plan stands).
    await gate(page, /Review: storyboard\/review/).waitFor(LONG);
    const rough = page.locator(".view-manga-storyboard .image-grid img").first();
    await rough.waitFor(LONG);
    assert.equal(
      await page.evaluate<number>(
        `document.querySelector(".view-manga-storyboard .image-grid img").naturalWidth`,
      ),
      320,
    );
    await chooseByKeyboard(page, /^Image quality/, "low");
    await until(
      page,
      `[...document.querySelectorAll(".view-manga-storyboard .image-grid img")].some((img) => img.naturalWidth === 640)`,
    );
    await axeClean(page, "storyboard");
    await tabTo(page, /^Skip$/);
    await page.keyboard.press("Enter");

    // 5 images, 6 lettering, 7 final: the panel grid, lettered and final pages; approve each.
    await gate(page, /Review: images\/review/).waitFor(LONG);
    await page.locator(".view-manga-panel-grid .image-grid img").first().waitFor(LONG);
    await axeClean(page, "panel grid");
    await approve(page, "images");
    await gate(page, /Review: lettering\/review/).waitFor(LONG);
    await page.locator(".view-manga-lettered-pages .image-grid img").first().waitFor(LONG);
    await axeClean(page, "lettered pages");
    await approve(page, "lettering");
    await gate(page, /Review: final\/review/).waitFor(LONG);
    await page.locator(".view-manga-final-pages .image-grid img").first().waitFor(LONG);
    await axeClean(page, "final pages");
    await page.screenshot({ path: screenshotPath("manga-final-review"), fullPage: true });
    await approve(page, "final");
    await page.locator(".badge.status-completed").first().waitFor(LONG);

    // The reader: right to left (a Japanese story), so ArrowLeft turns to the next page.
    await tabTo(page, /^Results$/);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Read the manga" }).waitFor(LONG);
    await page.getByText("Read right to left").waitFor();
    await page.locator(".reader-stage img").waitFor(LONG);
    await tabTo(page, /^Page 1 of 2/);
    await page.keyboard.press("ArrowLeft");
    await page.locator(".reader-turns [role=status]", { hasText: "Page 2 of 2" }).waitFor();
    await page.keyboard.press("ArrowRight");
    await page.locator(".reader-turns [role=status]", { hasText: "Page 1 of 2" }).waitFor();
    await page.locator(".reader-stage img").waitFor(LONG);
    const before = await page.evaluate<number>(`document.querySelector(".reader-stage img").width`);
    await page.keyboard.press("+");
    await until(page, `document.querySelector(".reader-stage img").width > ${before}`);
    await axeClean(page, "reader");
    await page.screenshot({ path: screenshotPath("manga-reader"), fullPage: true });
    for (const [label, magic] of [
      [/Download: Comic book \(CBZ\)/, "504b0304"],
      [/Download: PDF/, Buffer.from("%PDF").toString("hex")],
    ] as const) {
      await tabTo(page, label);
      const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
      const bytes = readFileSync((await download.path())!);
      assert.equal(bytes.subarray(0, 4).toString("hex"), magic, `${download.suggestedFilename()}`);
    }
    assert.deepEqual(keyInUrl, [], "the key is never in a URL");
    assert.deepEqual(errors, []);
    assert.match(runId, /^wf_/);
    await context.close();
  },
);
