/**
 * A book from files to results in the browser, against `wrangler dev` with the offline provider:
 * upload three Markdown files (zipped by the app) → the table of contents and counts before the
 * run → start → the live run page until it completes → read an article → download export.zip.
 * Once with the mouse, once by keyboard alone; axe-core on each page state in both themes.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
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

const BOOK = "samples/tsumugi-handbook/src";
const CHAPTERS = readdirSync(BOOK)
  .filter((name) => /^\d+-.*\.md$/.test(name))
  .map((name) => join(BOOK, name));

let session: Session;
const skip = noBrowser;

before(async () => {
  if (!skip) session = await startSession(1);
});
after(() => stopSession(session));

async function waitForCompleted(page: Page) {
  await page.locator(".badge.status-completed").first().waitFor({ timeout: 180_000 });
}

test("upload → table of contents → run → read an article → download export.zip", { skip }, async () => {
  const { context, page, errors } = await openApp(session, { key: session.server.key });
  await page.goto(`${session.server.base}/new/book`);
  await page.getByRole("heading", { name: "New book" }).waitFor();
  await page.getByLabel("Drop a zip or Markdown files here, or choose them").setInputFiles(CHAPTERS);
  // What the server read from the upload, before anything runs.
  await page.getByRole("heading", { name: "Table of contents" }).waitFor();
  assert.equal(await page.locator("ol.toc > li").count(), CHAPTERS.length);
  await page.getByText(/3 chapters · \d+ sections · \d+ units/).waitFor();
  assert.deepEqual(await axe(page), [], "new book with its table of contents");
  await page.getByLabel("Concurrency (steps at once)").fill("0");
  await page.getByRole("button", { name: "Start the run" }).click();
  await page.getByText(/Too small|>=1/).waitFor();
  await page.getByLabel("Concurrency (steps at once)").fill("8");
  await page.getByRole("button", { name: "Start the run" }).click();
  await page.waitForURL(/\/runs\/wf_[0-9a-f]{32}$/);
  await page.getByText("Live", { exact: true }).waitFor();
  await waitForCompleted(page);
  await page.getByRole("heading", { name: "Pipeline" }).waitFor();
  // The graph by level: chapters at the top, a drill-down shows a chapter's sections and steps.
  await page
    .getByRole("listitem")
    .getByRole("button", { name: /^ch01$/ })
    .click();
  await page.getByRole("button", { name: /^s01$/ }).first().waitFor();
  assert.deepEqual(await axe(page), [], "run page");
  await page.screenshot({ path: screenshotPath("run-completed"), fullPage: true });
  await page.getByRole("link", { name: "Results" }).click();
  await page.getByRole("heading", { name: "Results" }).waitFor();
  const firstArticle = page.getByRole("navigation", { name: "Articles" }).getByRole("button").first();
  await firstArticle.click();
  const article = page.locator("article.article-body");
  await article.getByText("[offline]").first().waitFor();
  assert.ok((await article.innerText()).length > 40, "the article has text");
  assert.equal(await article.locator("script, iframe, [onerror]").count(), 0);
  assert.deepEqual(await axe(page), [], "results page");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /Download: Everything \(export\.zip\)/ }).click(),
  ]);
  const path = await download.path();
  const { readFileSync } = await import("node:fs");
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 4).toString("hex"), "504b0304", "export.zip is a zip");
  assert.ok(bytes.includes(Buffer.from("manifest.json")), "with its manifest");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the same book run by keyboard alone, in the light theme", { skip }, async () => {
  const { context, page, errors } = await openApp(session, { key: session.server.key, theme: "light" });
  // Listening turns on Chromium's file-chooser interception, asynchronously: started only beside
  // the key press (below), the press could win under load and open a dialog nobody intercepts.
  const chooserOpened = page.waitForEvent("filechooser", { timeout: 120_000 });
  await page.goto(`${session.server.base}/`);
  await page.getByRole("heading", { name: "Runs" }).waitFor();
  await tabTo(page, /^New book$/);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "New book" }).waitFor();
  await tabTo(page, /Drop a zip or Markdown files/);
  await page.keyboard.press("Space");
  const chooser = await chooserOpened;
  // One chapter: the keyboard path is the point here, not a second full run (CI time).
  await chooser.setFiles(CHAPTERS.slice(0, 1));
  await page.getByRole("heading", { name: "Table of contents" }).waitFor();
  await tabTo(page, /^Start the run$/);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/runs\/wf_/);
  await waitForCompleted(page);
  assert.deepEqual(await axe(page), [], "run page, light");
  await tabTo(page, /^Results$/);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Results" }).waitFor();
  await tabTo(page, /article$/);
  await page.keyboard.press("Enter");
  await page.locator("article.article-body").getByText("[offline]").first().waitFor();
  assert.deepEqual(await axe(page), [], "results, light");
  await tabTo(page, /Download: Everything/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.match(download.suggestedFilename(), /^wf_[0-9a-f]{32}\.zip$/);
  assert.deepEqual(errors, []);
  await context.close();
});
