/**
 * A run watched by two people at once (two browser contexts, each with its own socket): what one
 * does at a review gate — approve, ask for a revision, compare versions — the other sees live;
 * pause and resume from the page; presence (how many watch, who acted, by key name); axe-core on
 * the run page with a review open, in both themes.
 * Uses the synthetic `phases` pipeline (a review gate after every phase; on in development).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createdKeySchema } from "../../workers/protocol/keys.ts";
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

test("presence: each watcher sees how many watch and who did what, by name", { skip }, async () => {
  const id = await startPhasesRun();
  // A second person: a key of the same tenant with a name of its own.
  const created = await session.server.api("/v1/keys", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Bob" }),
  });
  assert.equal(created.status, 201);
  const bobKey = createdKeySchema.parse(await created.json()).key;
  const alice = await openApp(session, { key: session.server.key });
  await alice.page.goto(`${session.server.base}/runs/${id}`);
  await alice.page.getByText("1 watching").waitFor();
  const bob = await openApp(session, { key: bobKey });
  await bob.page.goto(`${session.server.base}/runs/${id}`);
  // Both see the second watcher arrive.
  await alice.page.getByText("2 watching").waitFor();
  await bob.page.getByText("2 watching").waitFor();
  await bob.page.getByRole("heading", { name: /Review: concept\/review/, level: 3 }).waitFor();
  await bob.page.getByLabel("Feedback for a revision").fill("Shorter, please");
  await bob.page.getByRole("button", { name: "Ask for a revision" }).click();
  // Alice sees Bob's action by his key's name, in the event log and under who acted.
  await alice.page.locator(".event-log").getByText("Bob: asked for a revision at concept/review").waitFor();
  await alice.page
    .locator(".recent-actors")
    .getByText("Bob: asked for a revision at concept/review")
    .waitFor();
  await alice.page.getByRole("heading", { name: /Review: concept\/review · Version 2/, level: 3 }).waitFor({
    timeout: 60_000,
  });
  await alice.page.getByRole("button", { name: "Approve" }).click();
  await bob.page.locator(".event-log").getByText("script: approved at concept/review").waitFor();
  await alice.page.getByRole("button", { name: "Pause" }).click();
  await bob.page.locator(".recent-actors").getByText("script: paused the run").waitFor();
  // Bob leaves; Alice sees one watcher again.
  await bob.context.close();
  await alice.page.getByText("1 watching").waitFor();
  assert.deepEqual(await axe(alice.page), [], "run page with presence");
  assert.deepEqual(alice.errors, []);
  await alice.context.close();
});

test("an edit the server refuses is shown beside the form, the edit kept, and logged", { skip }, async () => {
  const id = await startPhasesRun();
  const { context, page, errors } = await openApp(session, { key: session.server.key });
  await page.goto(`${session.server.base}/runs/${id}`);
  await page.getByRole("heading", { name: /Review: concept\/review · Version 1/, level: 3 }).waitFor();
  const alert = page.locator(".review [role=alert].refusal");
  assert.equal((await alert.textContent())?.trim(), "", "no refusal before any action");
  await page.getByText("Edit the output").click();
  await page.getByRole("button", { name: "Edit as JSON" }).click();
  // Valid JSON (the page's own check passes) that the phase's output schema refuses.
  const edited = JSON.stringify({ phase: "concept", text: 42 });
  const box = page.getByLabel("The output as JSON");
  await box.fill(edited);
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await alert.getByText(/^The server refused this action: /).waitFor();
  await alert.locator("code", { hasText: "text" }).waitFor();
  assert.equal(await box.inputValue(), edited, "the person's edit is kept");
  await page
    .locator(".event-log")
    .getByText(/^validation_failed: /)
    .waitFor();
  assert.equal(await page.getByRole("heading", { name: /Version 2/, level: 3 }).count(), 0);
  assert.deepEqual(await axe(page), [], "run page with a refusal shown");
  // Corrected, it goes through: the refusal disappears and version 2 (the edit) is under review.
  await box.fill(JSON.stringify({ phase: "concept", text: "A cat, a rocket, the moon." }));
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await page.getByRole("heading", { name: /Review: concept\/review · Version 2/, level: 3 }).waitFor();
  assert.equal((await alert.textContent())?.trim(), "");
  assert.deepEqual(errors, []);
  await context.close();
});
