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
  // WEB_TEST_PORT lets parallel checkouts on one machine each use a port of their own.
  server = await startDevServer({ port: Number(process.env.WEB_TEST_PORT) || 8783 });
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
  // The app must work under its own Content-Security-Policy: any violation is a failure.
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) errors.push(msg.text());
  });
  const socketUrls: string[] = [];
  page.on("websocket", (ws) => socketUrls.push(ws.url()));
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
  // The socket was opened with a single-use ticket: the key is in no URL.
  assert.ok(socketUrls.length > 0);
  for (const url of socketUrls) {
    assert.ok(!url.includes(server.key), "the API key is in a WebSocket URL");
    assert.match(url, /[?&]ticket=tkt_/);
  }
});

test("the app and its assets carry security headers, and the CSP is enforced", { skip }, async () => {
  for (const path of ["/", "/index.html", "/app.js", "/styles.css"]) {
    const res = await fetch(`${server.base}${path}`);
    await res.body?.cancel();
    assert.equal(res.status, 200, path);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /script-src 'self'(;|$)/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
    assert.equal(res.headers.get("X-Content-Type-Options"), "nosniff", path);
    assert.equal(res.headers.get("Referrer-Policy"), "no-referrer", path);
  }
  // The _headers file configures the assets; it is not itself served.
  const rules = await fetch(`${server.base}/_headers`);
  assert.doesNotMatch(await rules.text(), /Content-Security-Policy/);
  // API answers (the Worker's, not the assets') forbid loading and framing too.
  const health = await fetch(`${server.base}/health`);
  await health.body?.cancel();
  assert.match(
    health.headers.get("Content-Security-Policy") ?? "",
    /default-src 'none'.*frame-ancestors 'none'/,
  );
  assert.equal(health.headers.get("X-Content-Type-Options"), "nosniff");
  // In the browser: an injected inline script does not run.
  const fresh = await browser.newPage();
  await fresh.goto(`${server.base}/`);
  // (A string, evaluated in the page: this file is type-checked without the DOM library.)
  const ran = await fresh.evaluate(`(() => {
    const script = document.createElement("script");
    script.textContent = "document.body.dataset.injected = 'yes'";
    document.body.append(script);
    return document.body.dataset.injected ?? "no";
  })()`);
  assert.equal(ran, "no");
  await fresh.close();
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
