/**
 * The browser app, as a person uses it: sign in with a key, start a review run, answer a gate
 * live. Runs in Node (node --test) against `wrangler dev` and Debian's headless Chromium
 * (`apt-get install chromium`; .ci/run installs it). Skips when Chromium is not installed.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";

const CHROMIUM = "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `no ${CHROMIUM} (apt-get install chromium)`;

let server: DevServer;
let browser: Browser;
let page: Page;

before(async () => {
  if (skip) return;
  server = await startDevServer({ port: Number(process.env.WEB_TEST_PORT ?? 8783) });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Without these Chromium keeps trying to reach Google's hosts, which this network refuses.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("signs in, starts a review run and approves a gate live", { skip }, async () => {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto(`${server.base}/`);
  await page.getByText("Healthy").waitFor();
  await page.getByLabel("Key (kept in this tab only)").fill(server.key);
  await page.getByRole("button", { name: "Use key" }).click();
  await page.getByText("Signed in: 1 key(s) in your tenant.").waitFor();
  await page.getByRole("button", { name: "Start run" }).click();
  // The first gate opens with its preview; approving it over the WebSocket opens the next.
  const concept = page.getByRole("region", { name: "Review concept/review" });
  await concept.getByText('"phase": "concept"').waitFor();
  await concept.getByRole("button", { name: "Approve" }).click();
  const plot = page.getByRole("region", { name: "Review plot/review" });
  await plot.getByText('"phase": "plot"').waitFor();
  assert.equal(await concept.count(), 0);
  assert.deepEqual(errors, []);
});

test("a wrong key is refused with the API's message", { skip }, async () => {
  const fresh = await browser.newPage();
  await fresh.goto(`${server.base}/`);
  await fresh.getByLabel("Key (kept in this tab only)").fill(`tsu_${"x".repeat(43)}`);
  await fresh.getByRole("button", { name: "Use key" }).click();
  await fresh.getByText("Invalid API key").waitFor();
  assert.equal(await fresh.locator("#runs-section").isHidden(), true);
  await fresh.close();
});

test("shows 紡ぎ in the shipped Japanese font and says where to get a key", { skip }, async () => {
  const fresh = await browser.newPage();
  const fontRequests: string[] = [];
  fresh.on("request", (request) => {
    if (request.resourceType() === "font") fontRequests.push(new URL(request.url()).pathname);
  });
  await fresh.goto(`${server.base}/`);
  // The title's characters are in the small UI subset, so only that file is fetched, same-origin.
  // (A string expression: this file is type-checked without the DOM library.)
  const loaded = await fresh.evaluate<string[]>(
    "document.fonts.ready.then(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family))",
  );
  assert.deepEqual(loaded, ["Tsumugi JP"]);
  assert.deepEqual(fontRequests, ["/fonts/tsumugi-jp-ui.woff2"]);
  await fresh.getByText("npm start prints one the first time it runs").waitFor();
  await fresh.close();
});
