/**
 * The API's description as a client sees it, against `wrangler dev`: /openapi.json validates as
 * OpenAPI 3.1 (@seriousme/openapi-schema-validator, which cannot run inside workerd), and /docs
 * renders it in headless Chromium with every script from our own origin and no CSP violation.
 * The browser part skips when Chromium is not installed.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { Browser } from "playwright-core";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";
import { launchChromium, noBrowser } from "./support/browser.ts";

let server: DevServer;
let browser: Browser | undefined;

before(async () => {
  const port = (Number(process.env.WEB_TEST_PORT) || 8783) + 3;
  server = await startDevServer({ port, inspectorPort: String(port + 5) });
  if (!noBrowser) browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("/openapi.json is a valid OpenAPI 3.1 document, served without a key", async () => {
  const res = await fetch(`${server.base}/openapi.json`);
  assert.equal(res.status, 200);
  const doc = (await res.json()) as Parameters<Validator["validate"]>[0];
  const validator = new Validator();
  const result = await validator.validate(doc);
  assert.equal(validator.version, "3.1");
  assert.deepEqual(result.errors ?? [], []);
  assert.equal(result.valid, true);
});

test("the validator refuses a broken description (so the check above can fail)", async () => {
  const doc = (await (await fetch(`${server.base}/openapi.json`)).json()) as Record<string, unknown>;
  const result = await new Validator().validate({ ...doc, paths: { "/x": { get: { responses: 5 } } } });
  assert.equal(result.valid, false);
});

test("/docs renders the reference offline, under its CSP", { skip: noBrowser }, async () => {
  const page = await browser!.newPage();
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("request", (req) => {
    if (!req.url().startsWith(server.base) && !req.url().startsWith("data:")) foreign.push(req.url());
  });
  await page.goto(`${server.base}/docs`);
  // Operations come from /openapi.json: their summaries appear once Scalar has rendered it.
  await page.getByText("Start a run of a pipeline").first().waitFor({ timeout: 30_000 });
  await page.getByText("Tsumugi API").first().waitFor();
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await page.close();
});
