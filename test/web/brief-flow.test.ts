/**
 * A brief to a page and to a program in the browser, against `wrangler dev` with the offline
 * provider: the "New page or program" form (its own check of a too-short brief first) → start in
 * auto mode → the live run page until it completes → Results lists the generated files as text
 * (index.html, never rendered in the app's origin) with the sandboxed preview link, and the
 * program's test results. axe-core on the form and on the results.
 */
import assert from "node:assert/strict";
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

let session: Session;
const skip = noBrowser;
// Another file's offset: the web files run side by side, each with its own wrangler dev.
const PORT_OFFSET = 9;

before(async () => {
  if (!skip) session = await startSession(PORT_OFFSET);
});
after(() => stopSession(session));

const PAGE_BRIEF =
  "A website for the Kamogawa community garden. Neighbours grow vegetables together on Saturday mornings. New members are welcome and tools are shared.";
const PROGRAM_BRIEF =
  "A function slugify(text) that turns a title into a URL slug: lower case, words joined by hyphens, punctuation removed.";

async function startFromForm(page: Page, kind: RegExp, brief: string): Promise<string> {
  await page.goto(`${session.server.base}/new/brief`);
  await page.getByRole("heading", { name: "New page or program" }).waitFor();
  await page.getByRole("radio", { name: kind }).check();
  await page.getByLabel("Brief", { exact: true }).fill(brief);
  await page.getByRole("radio", { name: /^Automatic/ }).check();
  await page.getByRole("button", { name: "Start the run" }).click();
  await page.waitForURL(/\/runs\/wf_[0-9a-f]{32}$/);
  await page.locator(".badge.status-completed").first().waitFor({ timeout: 180_000 });
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

test(
  "a page brief in auto mode → completed → its files and sandboxed preview in Results",
  { skip },
  async () => {
    const { context, page, errors } = await openApp(session, { key: session.server.key });
    await page.goto(`${session.server.base}/`);
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "New page or program" })
      .click();
    await page.getByRole("heading", { name: "New page or program" }).waitFor();
    assert.deepEqual(await axe(page), [], "new page or program form");
    // The form checks with the pipelines' own schema before anything is sent.
    await page.getByLabel("Brief", { exact: true }).fill("too short");
    await page.getByRole("button", { name: "Start the run" }).click();
    await page.getByText("Write a brief of at least 10 characters").waitFor();
    assert.equal(await page.getByLabel("Brief", { exact: true }).getAttribute("aria-invalid"), "true");
    assert.deepEqual(await axe(page), [], "form with a problem");

    const id = await startFromForm(page, /^A web page/, PAGE_BRIEF);
    await page.getByRole("link", { name: "Results" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor();
    const files = page.getByRole("region", { name: "Generated files" });
    await files.getByText("index.html", { exact: true }).click();
    const html = files.locator("pre[aria-label='index.html']");
    await html.getByText(/<html/i).waitFor();
    // Shown, never run: no frame or element of the generated site lands in the app's document.
    assert.equal(await page.locator("main iframe, main script").count(), 0);
    const preview = files.getByRole("link", { name: /Open the preview/ });
    assert.equal(await preview.getAttribute("href"), `/v1/workflows/${id}/preview/index.html`);
    assert.equal(await preview.getAttribute("rel"), "noopener noreferrer");
    assert.deepEqual(await axe(page), [], "results of a page run");
    await page.screenshot({ path: screenshotPath("brief-page-results"), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  },
);

test("a program brief in auto mode completes with its tests in Results", { skip }, async () => {
  const { context, page, errors } = await openApp(session, { key: session.server.key, language: "en" });
  await startFromForm(page, /^A program/, PROGRAM_BRIEF);
  await page.getByRole("link", { name: "Results" }).click();
  const files = page.getByRole("region", { name: "Generated files" });
  await files.getByText(/^Tests: \d+ passed, 0 failed$/).waitFor();
  assert.ok((await files.locator("summary").count()) >= 2, "code and tests listed");
  assert.equal(await files.getByRole("link", { name: /Open the preview/ }).count(), 0);
  assert.deepEqual(await axe(page), [], "results of a program run");
  assert.deepEqual(errors, []);
  await context.close();
});
