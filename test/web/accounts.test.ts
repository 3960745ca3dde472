/**
 * People in the browser: sign up, sign in with a password, invite a second person by link as a
 * reviewer (approves a gate; refused, with the reason, on cancel and on key creation) and a
 * viewer (watches a run live; the page's actions are refused). Real Chromium against wrangler dev.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { axe, noBrowser, openApp, startSession, stopSession, type Session } from "./support/browser.ts";

let session: Session;
const skip = noBrowser;
const PASSWORD = "correct horse battery";

before(async () => {
  if (!skip) session = await startSession(3);
});
after(() => stopSession(session));

/** fetch from inside the page: same origin, the session cookie, as the app itself calls. */
const t0 = Date.now();
/** A line on stderr with the seconds since the start: where a slow run spends its time. */
function mark(what: string): void {
  process.stderr.write(`accounts.test ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}\n`);
}

function pageFetch(page: Page, path: string, init: { method?: string; body?: unknown } = {}) {
  return page.evaluate(
    `fetch(${JSON.stringify(path)}, { method: ${JSON.stringify(init.method ?? "GET")}, headers: { "Content-Type": "application/json" }, ${
      init.body === undefined ? "" : `body: ${JSON.stringify(JSON.stringify(init.body))}`
    } }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }))`,
  ) as Promise<{
    status: number;
    body: { error?: { code: string; message: string } } & Record<string, unknown>;
  }>;
}

async function signUpInPage(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function inviteLink(page: Page, role: string): Promise<string> {
  await page.goto(`${session.server.base}/team`);
  await page.getByLabel("Invite as").selectOption(role);
  await page.getByRole("button", { name: "Make an invitation link" }).click();
  const link = page.getByTestId("invite-link");
  await link.waitFor();
  return (await link.textContent())!;
}

async function waitForRun(page: Page, id: string, ok: (run: Record<string, unknown>) => boolean) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await pageFetch(page, `/v1/workflows/${id}`);
    if (ok(body)) return body;
    assert.ok(Date.now() < deadline, `run never got there: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test(
  "sign up, sign in, invite a reviewer and a viewer; each may do what the role allows",
  { skip },
  async () => {
    const base = session.server.base;
    // Sign up: the first account gets a team of its own and is its owner.
    const owner = await openApp(session);
    await owner.page.goto(base);
    await owner.page.getByRole("button", { name: "No account yet? Create one" }).click();
    await signUpInPage(owner.page, "Olga Owner", "olga@example.test");
    await owner.page.getByRole("link", { name: "Team" }).waitFor();
    const me = await pageFetch(owner.page, "/v1/me");
    assert.equal(me.body.role, "owner");

    mark("Sign in with the password");
    // Sign in with the password in a fresh browser (no cookie yet); a wrong one is refused.
    const again = await openApp(session);
    await again.page.goto(base);
    await again.page.getByLabel("Email").fill("olga@example.test");
    await again.page.getByLabel("Password").fill("wrong password!");
    await again.page.getByRole("button", { name: "Continue" }).click();
    await again.page
      .getByRole("alert")
      .filter({ hasText: /invalid/i })
      .waitFor();
    await again.page.getByLabel("Password").fill(PASSWORD);
    await again.page.getByRole("button", { name: "Continue" }).click();
    await again.page.getByRole("link", { name: "Team" }).waitFor();
    await again.context.close();

    mark("A run of the team");
    // A run of the team, waiting at its first review gate.
    const started = await pageFetch(owner.page, "/v1/workflows", {
      method: "POST",
      body: {
        pipeline: "phases",
        input: { text: "A cat on the moon", phases: ["concept", "plot", "final"] },
      },
    });
    assert.equal(started.status, 202);
    const id = started.body.id as string;
    await waitForRun(owner.page, id, (r) => (r.progress as { waitingReview: number }).waitingReview === 1);

    mark("A reviewer joins");
    // A reviewer joins through a link.
    const reviewerLink = await inviteLink(owner.page, "reviewer");
    const reviewer = await openApp(session);
    await reviewer.page.goto(reviewerLink);
    await reviewer.page
      .getByRole("heading", { name: "You are invited: create an account to join" })
      .waitFor();
    await signUpInPage(reviewer.page, "Rita Reviewer", "rita@example.test");
    await reviewer.page.getByRole("cell", { name: /Rita Reviewer/ }).waitFor();
    await owner.page.reload();
    await owner.page.getByRole("cell", { name: "Rita Reviewer" }).waitFor();

    mark("The reviewer approves");
    // The reviewer approves the gate...
    const approve = await pageFetch(reviewer.page, `/v1/workflows/${id}/reviews/concept/review`, {
      method: "POST",
      body: { action: "approve" },
    });
    assert.equal(approve.status, 200);
    // ...but may neither cancel the run nor make an API key, and is told why.
    const cancel = await pageFetch(reviewer.page, `/v1/workflows/${id}/cancel`, { method: "POST" });
    assert.equal(cancel.status, 403);
    assert.equal(
      cancel.body.error?.message,
      "Your role (reviewer) may not runs.control: it needs editor or above",
    );
    await reviewer.page.goto(`${base}/settings`);
    await reviewer.page.getByLabel("Name of the new key").fill("my script");
    await reviewer.page.getByRole("button", { name: "Create key" }).click();
    await reviewer.page
      .getByText("Your role (reviewer) may not keys.manage: it needs editor or above")
      .waitFor();

    mark("A viewer watches");
    // A viewer watches the run page live: the owner's approval shows up there.
    const viewerLink = await inviteLink(owner.page, "viewer");
    const viewer = await openApp(session);
    await viewer.page.goto(viewerLink);
    await signUpInPage(viewer.page, "Victor Viewer", "victor@example.test");
    await viewer.page.getByRole("cell", { name: /Victor Viewer/ }).waitFor();
    await waitForRun(owner.page, id, (r) => (r.progress as { waitingReview: number }).waitingReview === 1);
    await viewer.page.goto(`${base}/runs/${id}`);
    const gate = (name: RegExp) => viewer.page.getByRole("heading", { name, level: 3 });
    await gate(/Review: plot\/review/).waitFor({ timeout: 60_000 });
    mark("The viewer's own socket");
    // The viewer's own socket action is refused; the gate stays open.
    await viewer.page.getByRole("button", { name: "Approve" }).click();
    await viewer.page
      .getByText(/Your role \(viewer\) may not runs\.review/)
      .first()
      .waitFor();
    const still = await pageFetch(owner.page, `/v1/workflows/${id}`);
    assert.equal((still.body.progress as { waitingReview: number }).waitingReview, 1);
    const pause = await pageFetch(viewer.page, `/v1/workflows/${id}/pause`, { method: "POST" });
    assert.equal(pause.status, 403);
    mark("The owner approves");
    // The owner approves; the viewer sees the next gate open, live.
    assert.equal(
      (
        await pageFetch(owner.page, `/v1/workflows/${id}/reviews/plot/review`, {
          method: "POST",
          body: { action: "approve" },
        })
      ).status,
      200,
    );
    await gate(/Review: final\/review/).waitFor({ timeout: 60_000 });

    for (const side of [owner, reviewer, viewer]) {
      assert.deepEqual(
        side.errors.filter((e) => !/status of 40[13]/.test(e)),
        [],
      );
      await side.context.close();
    }
  },
);

/**
 * A page on `localhost` rather than 127.0.0.1: browsers refuse an IP address as a WebAuthn
 * relying party. Chromium's virtual authenticator (DevTools protocol) stands in for the device's
 * screen lock: it keeps the credential and always says the person was verified.
 */
async function withVirtualAuthenticator() {
  const side = await openApp(session);
  const cdp = await side.context.newCDPSession(side.page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { ...side, base: session.server.base.replace("127.0.0.1", "localhost") };
}

test("add a passkey in Settings, sign out, sign in with the passkey", { skip }, async () => {
  const side = await withVirtualAuthenticator();
  const { page } = side;
  await page.goto(side.base);
  await page.getByRole("button", { name: "No account yet? Create one" }).click();
  await signUpInPage(page, "Paula Passkey", "paula@example.test");
  await page.getByRole("link", { name: "Team" }).waitFor();
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByText("No passkeys yet.").waitFor();
  await page.getByLabel("Name of the passkey").fill("Test laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await page.getByRole("status").filter({ hasText: "Passkey added." }).waitFor();
  await page.getByRole("cell", { name: "Test laptop", exact: true }).waitFor();
  assert.deepEqual(await axe(page), []);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.getByRole("link", { name: "Team" }).waitFor();
  const me = await pageFetch(page, "/v1/me");
  assert.equal((me.body.user as { email: string }).email, "paula@example.test");
  assert.equal(me.body.role, "owner");

  // Removed, it no longer signs anyone in.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Remove passkey: Test laptop" }).click();
  await page.getByText("No passkeys yet.").waitFor();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page
    .getByRole("alert")
    .filter({ hasText: /passkey/i })
    .waitFor();
  assert.deepEqual(
    side.errors.filter((e) => !/status of 40[01]/.test(e)),
    [],
  );
  await side.context.close();
});

/** The local mail: the structured warning wrangler dev printed with the link for `email`. */
async function mailedLink(email: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const line = session
      .stderr()
      .split("\n")
      .reverse()
      .find((l) => l.includes("magic sign-in link") && l.includes(`"email":"${email}"`));
    const link = line && /"link":"([^"]+)"/.exec(line)?.[1];
    if (link) return link;
    assert.ok(Date.now() < deadline, "no magic-link line in the dev server's output");
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("a sign-in link by mail (printed by wrangler dev) signs in once", { skip }, async () => {
  const base = session.server.base;
  const first = await openApp(session);
  await first.page.goto(base);
  await first.page.getByRole("button", { name: "No account yet? Create one" }).click();
  await signUpInPage(first.page, "Mia Magic", "mia@example.test");
  await first.page.getByRole("link", { name: "Team" }).waitFor();
  await first.context.close();

  const side = await openApp(session);
  await side.page.goto(base);
  await side.page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await side.page.getByRole("alert").filter({ hasText: "Fill in your email address first." }).waitFor();
  await side.page.getByLabel("Email").fill("mia@example.test");
  await side.page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await side.page.getByRole("status").filter({ hasText: "a sign-in link is on its way" }).waitFor();
  assert.deepEqual(await axe(side.page), []);
  const link = await mailedLink("mia@example.test");
  await side.page.goto(link);
  await side.page.getByRole("link", { name: "Team" }).waitFor();
  const me = await pageFetch(side.page, "/v1/me");
  assert.equal((me.body.user as { email: string }).email, "mia@example.test");

  // The link works once: opened again, elsewhere, it is refused with the reason.
  const other = await openApp(session);
  await other.page.goto(link);
  await other.page.getByRole("alert").filter({ hasText: "used up or has expired" }).waitFor();
  for (const s of [side, other]) {
    assert.deepEqual(
      s.errors.filter((e) => !/status of 40[01]/.test(e)),
      [],
    );
    await s.context.close();
  }
});

/** RFC 6238 (SHA-1, 6 digits, 30 s) from the base32 key the page shows: the authenticator app. */
function totp(base32: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of base32.replace(/=+$/, "").toUpperCase())
    bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

test("a TOTP second factor: turned on in Settings, then asked for at sign-in", { skip }, async () => {
  const base = session.server.base;
  const side = await openApp(session);
  const { page } = side;
  await page.goto(base);
  await page.getByRole("button", { name: "No account yet? Create one" }).click();
  await signUpInPage(page, "Tara Totp", "tara@example.test");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByText("Off: a password is enough to sign in.").waitFor();
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!;
  assert.match((await page.getByTestId("totp-uri").textContent())!, /^otpauth:\/\/totp\/Tsumugi:/);
  assert.deepEqual(await axe(page), []);
  await page.getByLabel("Code from your authenticator app").fill(totp(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByText("On: signing in with a password also asks for a code").waitFor();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Email").fill("tara@example.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Two-step sign-in" }).waitFor();
  assert.deepEqual(await axe(page), []);
  const right = totp(secret);
  await page.getByLabel("Code from your authenticator app").fill(right === "123456" ? "654321" : "123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await page.getByRole("alert").filter({ hasText: "That code is not right." }).waitFor();
  // Without the code, the password alone opened nothing.
  assert.equal((await pageFetch(page, "/v1/me")).status, 401);
  await page.getByLabel("Code from your authenticator app").fill(totp(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.getByRole("link", { name: "Team" }).waitFor();
  const me = await pageFetch(page, "/v1/me");
  assert.equal((me.body.user as { email: string }).email, "tara@example.test");
  assert.deepEqual(
    side.errors.filter((e) => !/status of 40[01]/.test(e)),
    [],
  );
  await side.context.close();
});

test(
  "a session ended elsewhere: the open page returns to sign-in, then to where it was",
  { skip },
  async () => {
    const base = session.server.base;
    const first = await openApp(session);
    await first.page.goto(base);
    await first.page.getByRole("button", { name: "No account yet? Create one" }).click();
    await signUpInPage(first.page, "Sam Session", "sam@example.test");
    await first.page.getByRole("link", { name: "Team" }).waitFor();
    const started = await pageFetch(first.page, "/v1/workflows", {
      method: "POST",
      body: { pipeline: "phases", input: { text: "A fox", phases: ["concept", "final"] } },
    });
    assert.equal(started.status, 202);
    const id = started.body.id as string;
    await first.page.goto(`${base}/runs/${id}`);
    const gate = first.page.getByRole("heading", { name: /Review: concept\/review/, level: 3 });
    await gate.waitFor({ timeout: 60_000 });

    // Another browser of the same person signs out everywhere: the run page's live socket is
    // closed, and the page shows the sign-in form with the reason, without any click.
    const other = await openApp(session);
    await other.page.goto(base);
    await other.page.getByLabel("Email").fill("sam@example.test");
    await other.page.getByLabel("Password").fill(PASSWORD);
    await other.page.getByRole("button", { name: "Continue" }).click();
    await other.page.getByRole("link", { name: "Team" }).waitFor();
    const revoke = () => pageFetch(other.page, "/v1/me/sessions/revoke", { method: "POST" });
    assert.equal((await revoke()).status, 200);
    await first.page.getByRole("status").filter({ hasText: "Your session ended — sign in again." }).waitFor();
    assert.deepEqual(await axe(first.page), []);
    await first.page.getByLabel("Email").fill("sam@example.test");
    await first.page.getByLabel("Password").fill(PASSWORD);
    await first.page.getByRole("button", { name: "Continue" }).click();
    await gate.waitFor({ timeout: 60_000 });
    assert.equal(new URL(first.page.url()).pathname, `/runs/${id}`);

    // On a page without a socket, the next API call is what notices.
    await first.page.getByRole("link", { name: "Settings" }).click();
    await first.page.getByLabel("Name of the new key").waitFor();
    await other.page.goto(base);
    await other.page.getByLabel("Email").fill("sam@example.test");
    await other.page.getByLabel("Password").fill(PASSWORD);
    await other.page.getByRole("button", { name: "Continue" }).click();
    await other.page.getByRole("link", { name: "Team" }).waitFor();
    assert.equal((await revoke()).status, 200);
    // Bringing the tab to the front refetches its data (refetchOnWindowFocus), which may notice
    // the ended session before the click does (CI saw the form detach mid-fill); either way the
    // page must end on the sign-in form with the reason.
    const ended = first.page.getByRole("status").filter({ hasText: "Your session ended — sign in again." });
    await Promise.race([
      ended.waitFor(),
      (async () => {
        await first.page.getByLabel("Name of the new key").fill("after the end", { timeout: 5_000 });
        await first.page.getByRole("button", { name: "Create key" }).click({ timeout: 5_000 });
      })().catch(() => undefined),
    ]);
    await ended.waitFor();
    await first.page.getByLabel("Email").fill("sam@example.test");
    await first.page.getByLabel("Password").fill(PASSWORD);
    await first.page.getByRole("button", { name: "Continue" }).click();
    await first.page.getByLabel("Name of the new key").waitFor();
    assert.equal(new URL(first.page.url()).pathname, "/settings");
    for (const side of [first, other]) {
      assert.deepEqual(
        side.errors.filter((e) => !/status of 40[01]/.test(e)),
        [],
      );
      await side.context.close();
    }
  },
);

test("a person in two teams switches between them in the header", { skip }, async () => {
  const base = session.server.base;
  const signUpFresh = async (name: string, email: string) => {
    const side = await openApp(session);
    await side.page.goto(base);
    await side.page.getByRole("button", { name: "No account yet? Create one" }).click();
    await signUpInPage(side.page, name, email);
    await side.page.getByRole("link", { name: "Team" }).waitFor();
    return side;
  };
  const startTitled = async (page: Page, title: string) => {
    const started = await pageFetch(page, "/v1/workflows", {
      method: "POST",
      body: { pipeline: "phases", title, input: { text: title, phases: ["one"] } },
    });
    assert.equal(started.status, 202);
  };
  const bob = await signUpFresh("Bob Builder", "bob@example.test");
  await startTitled(bob.page, "Bob's run");
  const link = await inviteLink(bob.page, "viewer");
  const ann = await signUpFresh("Ann Author", "ann@example.test");
  await startTitled(ann.page, "Ann's run");
  // One team: no switcher.
  await ann.page.goto(base);
  await ann.page.getByRole("link", { name: "Ann's run" }).waitFor();
  assert.equal(await ann.page.getByLabel("Team", { exact: true }).count(), 0);

  await ann.page.goto(link);
  await ann.page.getByRole("button", { name: "Join the team" }).click();
  const picker = ann.page.getByLabel("Team", { exact: true });
  await picker.waitFor();
  const me = await pageFetch(ann.page, "/v1/me");
  const teams = me.body.teams as { id: string; name: string; role: string }[];
  assert.deepEqual(
    teams.map((t) => t.role),
    ["owner", "viewer"],
  );
  await ann.page.goto(base);
  await ann.page.getByRole("link", { name: "Ann's run" }).waitFor();
  assert.deepEqual(await axe(ann.page), [], "runs page with the team switcher");

  await picker.selectOption(teams[1]!.id);
  await ann.page.getByRole("link", { name: "Bob's run" }).waitFor();
  assert.equal(await ann.page.getByRole("link", { name: "Ann's run" }).count(), 0);
  assert.equal((await pageFetch(ann.page, "/v1/me")).body.role, "viewer");
  // The choice belongs to the session: a reload keeps it.
  await ann.page.reload();
  await ann.page.getByRole("link", { name: "Bob's run" }).waitFor();

  await picker.selectOption(teams[0]!.id);
  await ann.page.getByRole("link", { name: "Ann's run" }).waitFor();
  for (const side of [ann, bob]) {
    assert.deepEqual(side.errors, []);
    await side.context.close();
  }
});
