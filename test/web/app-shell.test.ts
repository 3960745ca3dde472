/**
 * The app's frame as a person meets it, against `wrangler dev` and Debian's Chromium: sign-in
 * (a wrong key says so), security headers and the CSP in force, deep links served by the assets
 * binding while API paths still answer JSON, theme and language, focus on route changes, the
 * skip link, the three breakpoints (screenshots in out/web-test/) and axe-core on every page in
 * both themes.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
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

before(async () => {
  if (!skip) session = await startSession(0);
});
after(() => stopSession(session));

test("signs in with a key; a wrong key gets a clear message and no access", { skip }, async () => {
  const { context, page, errors } = await openApp(session);
  await page.goto(`${session.server.base}/`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByLabel("API key").fill(`tsu_${"x".repeat(43)}`);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page
    .getByRole("alert")
    .getByText(/This API key was not accepted \(Invalid API key\)/)
    .waitFor();
  assert.equal(await page.getByRole("navigation", { name: "Main" }).count(), 0);
  // An empty key is refused by the form before any request.
  await page.getByLabel("API key").fill("");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("alert").getByText("Enter an API key.").waitFor();
  await page.getByLabel("API key").fill(session.server.key);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Runs" }).waitFor();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  // The key is kept for this tab only, and is in no URL.
  assert.doesNotMatch(page.url(), /tsu_/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("assets carry security headers, deep links get the app, API paths stay JSON", { skip }, async () => {
  const base = session.server.base;
  const html = await (await fetch(`${base}/`)).text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script, "index.html loads a bundle from /assets/");
  for (const path of ["/", "/runs/wf_0123", "/settings", script]) {
    const res = await fetch(`${base}${path}`);
    const body = await res.text();
    assert.equal(res.status, 200, path);
    if (path !== script) assert.match(body, /<div id="root">/, path);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /script-src 'self'(;|$)/, path);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
    assert.equal(res.headers.get("X-Content-Type-Options"), "nosniff", path);
  }
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script in index.html");
  // API paths are the Worker's, with JSON errors, never the app's index.html.
  const missing = await fetch(`${base}/v1/workflows/wf_${"0".repeat(32)}`);
  assert.equal(missing.status, 401);
  assert.equal(((await missing.json()) as { error: { code: string } }).error.code, "unauthorized");
  const rules = await fetch(`${base}/_headers`);
  assert.doesNotMatch(await rules.text(), /Content-Security-Policy/);
});

test("theme, language, skip link and focus on route change", { skip }, async () => {
  const { context, page, errors } = await openApp(session, { key: session.server.key });
  await page.goto(`${session.server.base}/`);
  await page.getByRole("heading", { name: "Runs" }).waitFor();
  assert.equal(await page.evaluate("document.documentElement.dataset.theme"), "dark");
  // The first Tab reaches the skip link, which moves focus to the main content.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate("document.activeElement.textContent"), "Skip to main content");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate("document.activeElement.id"), "main");
  // A route change focuses the new page's title.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { name: "Settings" }).waitFor();
  await page.locator("h1:focus").waitFor();
  assert.equal(await page.title(), "Settings · Tsumugi");
  // Theme and language, kept across a reload.
  await page.getByLabel("Theme").first().selectOption("light");
  assert.equal(await page.evaluate("document.documentElement.dataset.theme"), "light");
  await page.getByLabel("Language").first().selectOption("ja");
  await page.getByRole("heading", { name: "設定" }).waitFor();
  assert.equal(await page.evaluate("document.documentElement.lang"), "ja");
  await page.reload();
  await page.getByRole("heading", { name: "設定" }).waitFor();
  assert.equal(await page.evaluate("document.documentElement.dataset.theme"), "light");
  await page.getByRole("link", { name: "実行一覧" }).first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the three breakpoints lay out without horizontal scrolling (screenshots)", { skip }, async () => {
  for (const [name, width] of [
    ["wide", 1280],
    ["medium", 900],
    ["narrow", 375],
  ] as const) {
    const { context, page } = await openApp(session, { key: session.server.key, width, height: 800 });
    await page.goto(`${session.server.base}/`);
    await page.getByRole("heading", { name: "Runs" }).waitFor();
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: screenshotPath(`home-${name}-${width}`), fullPage: true });
    await context.close();
  }
});

test("axe-core finds no WCAG 2.1 AA violation on the shell pages, in both themes", { skip }, async () => {
  for (const theme of ["dark", "light"] as const) {
    const signedOut = await openApp(session, { theme });
    await signedOut.page.goto(`${session.server.base}/`);
    await signedOut.page.getByRole("heading", { name: "Sign in" }).waitFor();
    assert.deepEqual(await axe(signedOut.page), [], `sign-in, ${theme}`);
    await signedOut.context.close();
    const { context, page } = await openApp(session, { key: session.server.key, theme });
    for (const [path, heading] of [
      ["/", "Runs"],
      ["/new/book", "New book"],
      ["/new/manga", "New manga"],
      ["/gateway", "Gateway"],
      ["/settings", "Settings"],
      ["/no-such-page", "Page not found"],
    ]) {
      await page.goto(`${session.server.base}${path}`);
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      await page.waitForLoadState("networkidle");
      assert.deepEqual(await axe(page), [], `${path}, ${theme}`);
    }
    await context.close();
  }
});

test("creates a key, signs in with it, revokes it; the revoked key is refused", { skip }, async () => {
  const { context, page, errors } = await openApp(session, { key: session.server.key });
  await page.goto(`${session.server.base}/settings`);
  await page.getByRole("heading", { name: "Settings" }).waitFor();
  await page.getByRole("button", { name: "Create key" }).click();
  await page
    .getByRole("alert")
    .getByText(/Too small|at least/i)
    .waitFor();
  await page.getByLabel("Name of the new key").fill("browser test key");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = await page
    .getByRole("status")
    .getByText(/New key \(shown once, copy it now\): tsu_/)
    .innerText();
  const secret = /(tsu_\S+)/.exec(shown)![1]!;
  const row = page.getByRole("row", { name: /browser test key/ });
  await row.getByText("active").waitFor();
  // The new key works on its own.
  const other = await openApp(session);
  await other.page.goto(`${session.server.base}/`);
  await other.page.getByLabel("API key").fill(secret);
  await other.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await other.page.getByRole("heading", { name: "Runs" }).waitFor();
  // Revoked, it is refused with the API's message.
  await row.getByRole("button", { name: "Revoke: browser test key" }).click();
  await row.getByText("revoked").waitFor();
  await other.page.getByRole("button", { name: "Sign out" }).click();
  await other.page.getByLabel("API key").fill(secret);
  await other.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await other.page
    .getByRole("alert")
    .getByText(/This API key was not accepted/)
    .waitFor();
  assert.deepEqual(errors, []);
  await other.context.close();
  await context.close();
});
