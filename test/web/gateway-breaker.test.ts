/**
 * The gateway page shows a breaker that a failing upstream opened, without a reload: a local
 * fake OpenAI-compatible upstream (test/support/fake-upstream.ts) answers every call for model
 * `fail-500` with HTTP 500; calls through POST /v1/chat/completions fail until the breaker of
 * openai/fail-500 opens (5 consecutive failures), and the open page, refreshing on its own, shows
 * it open. axe-core on the page with the open breaker.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.ts";
import { providerListSchema } from "../../workers/protocol/providers.ts";
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
let upstream: FakeUpstream;
const skip = noBrowser;

before(async () => {
  if (skip) return;
  // UPSTREAM_PORT: a port of this checkout's range; without it, any free port.
  upstream = await startFakeUpstream(Number(process.env.UPSTREAM_PORT) || 0);
  session = await startSession(4, {
    OPENAI_API_KEY: "sk-web-test",
    OPENAI_BASE_URL: `${upstream.url}/v1`,
  });
});
after(async () => {
  await stopSession(session);
  await upstream?.close();
});

async function breakerOf(model: string): Promise<string | undefined> {
  const res = await session.server.api("/v1/providers");
  const { providers } = providerListSchema.parse(await res.json());
  return providers.find((p) => p.name === "openai")?.breakers.find((b) => b.model === model)?.state;
}

test("the gateway page shows a breaker opened by a failing upstream, live", { skip }, async () => {
  const { context, page, errors } = await openApp(session, { key: session.server.key });
  await page.goto(`${session.server.base}/gateway`);
  await page.getByRole("heading", { name: "Gateway" }).waitFor();
  const row = page.getByRole("row").filter({ hasText: /^openai/ });
  await row.getByText("configured", { exact: true }).waitFor();
  assert.equal(await row.locator(".breaker-open").count(), 0, "no open breaker before the failures");
  // Through the gateway, as any OpenAI client would call it, until the breaker opens.
  let calls = 0;
  while ((await breakerOf("fail-500")) !== "open") {
    assert.ok(calls < 20, "the breaker opens within 20 failing calls");
    const res = await session.server.api("/v1/chat/completions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ model: "openai/fail-500", messages: [{ role: "user", content: "hello" }] }),
    });
    await res.arrayBuffer();
    calls++;
  }
  // The page was not reloaded: its own refresh shows the open breaker.
  await row.locator(".badge.breaker-open", { hasText: "fail-500: open" }).waitFor({ timeout: 20_000 });
  assert.deepEqual(await axe(page), [], "gateway page with an open breaker");
  await page.screenshot({ path: screenshotPath("gateway-breaker-open"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
