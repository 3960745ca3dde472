/**
 * A run watched by two people at once (two browser contexts, each with its own socket): what one
 * does at a review gate — approve, ask for a revision, compare versions — the other sees live;
 * pause and resume from the page; axe-core on the run page with a review open, in both themes.
 * Uses the synthetic `phases` pipeline (a review gate after every phase; on in development).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createdWorkflowSchema } from "../../workers/protocol/workflows.ts";
import { axe, noBrowser, openApp, startSession, stopSession, type Session } from "./support/browser.ts";

let session: Session;
const skip = noBrowser;

before(async () => {
  if (!skip) session = await startSession(2);
});
after(() => stopSession(session));

async function startPhasesRun(): Promise<string> {
  const res = await session.server.api("/v1/workflows", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      pipeline: "phases",
      input: { text: "A cat who wants to visit the moon", phases: ["concept", "plot", "final"] },
    }),
  });
  assert.equal(res.status, 202);
  return createdWorkflowSchema.parse(await res.json()).id;
}

test("two people on one run see each other's review actions live", { skip }, async () => {
  const id = await startPhasesRun();
  const alice = await openApp(session, { key: session.server.key });
  const bob = await openApp(session, { key: session.server.key, language: "ja" });
  await alice.page.goto(`${session.server.base}/runs/${id}`);
  await bob.page.goto(`${session.server.base}/runs/${id}`);
  const gate = (page: typeof alice.page, name: RegExp) => page.getByRole("heading", { name, level: 3 });
  await gate(alice.page, /Review: concept\/review · Version 1/).waitFor();
  await gate(bob.page, /レビュー: concept\/review · バージョン 1/).waitFor();
  // Alice asks for a revision: an empty feedback is refused by the form, a real one goes through.
  await alice.page.getByRole("button", { name: "Ask for a revision" }).click();
  await alice.page.getByText("Write what should change.").waitFor();
  await alice.page.getByLabel("Feedback for a revision").fill("More about the moon, please");
  await alice.page.getByRole("button", { name: "Ask for a revision" }).click();
  // Both see version 2 of the concept (a revision re-runs the step; it announces no "closed").
  await gate(alice.page, /Review: concept\/review · Version 2/).waitFor({ timeout: 60_000 });
  await gate(bob.page, /レビュー: concept\/review · バージョン 2/).waitFor({ timeout: 60_000 });
  // Bob compares version 1 with version 2: before/after and a diff, from the kept versions.
  await bob.page.getByLabel("比較するバージョン").selectOption("1");
  await bob.page.getByRole("heading", { name: "変更前（バージョン 1）" }).waitFor();
  await bob.page.locator("pre.diff ins").first().waitFor();
  // Bob approves; Alice sees the next gate open and the concept gate gone.
  await bob.page.getByRole("button", { name: "承認" }).click();
  await gate(alice.page, /Review: plot\/review/).waitFor({ timeout: 60_000 });
  assert.equal(await gate(alice.page, /Review: concept\/review/).count(), 0);
  await alice.page.locator(".event-log").getByText("concept/review: closed (approve)").waitFor();
  for (const side of [alice, bob]) assert.deepEqual(side.errors, []);
  await alice.context.close();
  await bob.context.close();
});

test("pause and resume from the run page; the page passes axe with a review open", { skip }, async () => {
  const id = await startPhasesRun();
  for (const theme of ["dark", "light"] as const) {
    const { context, page, errors } = await openApp(session, { key: session.server.key, theme });
    await page.goto(`${session.server.base}/runs/${id}`);
    await page.getByRole("heading", { name: /Review: concept\/review/, level: 3 }).waitFor();
    assert.deepEqual(await axe(page), [], `run page with a review, ${theme}`);
    if (theme === "dark") {
      await page.getByRole("button", { name: "Pause" }).click();
      await page.locator(".badge.status-paused").waitFor();
      await page.getByRole("button", { name: "Resume" }).click();
      await page.locator(".badge.status-running").waitFor();
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});
