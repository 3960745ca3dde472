/**
 * A page run's generated site as a person previews it, against `wrangler dev` and Debian's
 * Chromium: the auto run's site renders from the sandboxed preview route with its stylesheet
 * and script working, in an opaque origin (no storage, no same-origin access to the app), and
 * every page has zero axe-core violations (all rules, best practices included).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  axe,
  noBrowser,
  screenshotPath,
  startSession,
  stopSession,
  type Session,
} from "./support/browser.ts";

let session: Session;
const skip = noBrowser;
// Another file's offset: the web files run side by side, each with its own wrangler dev.
const PORT_OFFSET = 4;

before(async () => {
  if (!skip) session = await startSession(PORT_OFFSET);
});
after(() => stopSession(session));

const BRIEF =
  "A website for the Kamogawa community garden. Neighbours grow vegetables together on Saturday mornings. New members are welcome and tools are shared.";

async function finishedPageRun(): Promise<string> {
  const { base, key } = session.server;
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  const created = await fetch(`${base}/v1/workflows`, {
    method: "POST",
    headers,
    body: JSON.stringify({ pipeline: "page", input: { brief: BRIEF }, options: { mode: "auto" } }),
  });
  assert.equal(created.status, 202, await created.clone().text());
  const { id } = (await created.json()) as { id: string };
  for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
    const run = (await (await fetch(`${base}/v1/workflows/${id}`, { headers })).json()) as { status: string };
    if (run.status === "completed") return id;
    assert.ok(!["failed", "cancelled"].includes(run.status), `run ${run.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the page run did not finish");
}

test("the generated site renders sandboxed in Chromium with zero axe violations", { skip }, async () => {
  const id = await finishedPageRun();
  const { base, key } = session.server;
  // The preview is an API route: the browser sends the key with every request (page, CSS, JS).
  const context = await session.browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    // axe-core itself fetches the stylesheets to inspect them; the preview's connect-src 'none'
    // refuses that (as it would any fetch of the site's). The site makes no such request.
    if (msg.type() === "error" && !/connect-src 'none'/.test(msg.text())) errors.push(msg.text());
  });
  await page.goto(`${base}/v1/workflows/${id}/preview/index.html`);
  await page.getByRole("heading", { level: 1 }).waitFor();

  // The stylesheet applied (the spec's text colour) and the document has an opaque origin.
  assert.equal(
    await page.evaluate("getComputedStyle(document.body).color"),
    "rgb(27, 31, 59)",
    errors.join("\n"),
  );
  assert.equal(await page.evaluate("window.origin"), "null");
  assert.equal(
    await page.evaluate(
      "(() => { try { localStorage.length; return 'open'; } catch { return 'denied'; } })()",
    ),
    "denied",
  );

  for (const name of ["Home", "About", "Contact"]) {
    if (name !== "Home")
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.screenshot({ path: screenshotPath(`page-preview-${name.toLowerCase()}`), fullPage: true });
    const violations = await axe(page);
    assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations)}`);
    const all = (await page.evaluate(
      `axe.run(document).then((r) => r.violations.map((v) => v.id))`,
    )) as string[];
    assert.deepEqual(all, [], `${name} (best practices): ${all.join(", ")}`);
  }

  // The script runs in the sandbox: the contact form answers in its live region, sending nothing.
  await page.getByRole("button", { name: "Check and send" }).click();
  await page.getByRole("status").getByText("Please fill in: Name, Email, Message").waitFor();
  await page.getByLabel("Name").fill("Aiko");
  await page.getByLabel("Email").fill("aiko@example.org");
  await page.getByLabel("Message").fill("May I join on Saturday?");
  await page.getByRole("button", { name: "Check and send" }).click();
  await page
    .getByRole("status")
    .getByText(/Thank you/)
    .waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
