/**
 * Fault suite, book runs against `wrangler dev` (state on disk) with Gemini pointed at a fake
 * that counts calls per prompt:
 * - workerd is SIGKILLed in the middle of a run and restarted on the same state: the run
 *   completes, every output is stored, and no step that had completed is paid for again;
 * - a book run keeps its concurrency: steps run in parallel and none waits out its lease in the
 *   queue behind a busy consumer (the run hands them to that consumer's spare slots);
 * - a provider storm (429 + Retry-After, 5xx, hangs) starts mid-run: the breaker opens, the
 *   offline fallback serves the rest, the run completes, and the storm costs a bounded number of
 *   calls;
 * - with the breaker of its only provider open, a run's steps wait instead of
 *   failing.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { gitbook } from "../scale/book-shapes.ts";
import { startCountingGemini, type Behaviour, type CountingGemini } from "./support/counting-gemini.ts";
import {
  artifactKinds,
  exportManifest,
  json,
  nodesByHandler,
  restartPlatform,
  startPlatform,
  startRun,
  waitFor,
  explain,
  type DevServer,
} from "./support/platform.ts";

// FAULTS_PORT lets two checkouts on one machine run the suite at once.
const PORT = Number(process.env.FAULTS_PORT) || 8831;
const CONCURRENCY = 4;
const LEASE_MS = 30_000;

let gemini: CountingGemini;
let server: DevServer;
let vars: Record<string, string>;

before(async () => {
  gemini = await startCountingGemini();
  // A hang costs the per-attempt timeout: short, so the storm case stays quick, but far above the
  // fake's latency even on a loaded machine, so no answered call is retried (and paid twice).
  vars = { GEMINI_API_KEY: "fault-suite", GEMINI_BASE_URL: gemini.url, GATEWAY_TIMEOUT_MS: "8000" };
  server = await startPlatform(PORT, vars);
});

after(async () => {
  await server?.stop();
  await gemini?.close();
});

type Upload = { id: string; book: { chapters: unknown[]; sections: number; units: number } };

async function uploadBook(tag: string): Promise<Upload> {
  const shape = gitbook(2, 5, tag);
  const res = await server.api(`/v1/uploads?name=${shape.name}`, { method: "POST", body: shape.zip });
  return json<Upload>(res);
}

/** Every output of the book is stored and exported, one per unit / section / chapter. */
async function assertComplete(id: string, book: Upload["book"]) {
  const kinds = await artifactKinds(server, id);
  for (const kind of ["source", "article", "script", "script_json"])
    assert.equal(kinds[kind], book.units, kind);
  assert.equal(kinds.section_article, book.sections);
  for (const kind of ["chapter_article", "chapter_metadata", "tweets", "description", "thumbnail"])
    assert.equal(kinds[kind], book.chapters.length, kind);
  assert.equal(kinds.book_index, 1);
  return exportManifest(server, id);
}

test("SIGKILL of workerd mid-run: restarted on its state, the run completes and no completed step is paid twice", async (t) => {
  const upload = await uploadBook(" crash");
  gemini.setLatency(150);
  const id = await startRun(server, {
    pipeline: "book",
    input: { upload: upload.id },
    // Long enough for any step here, short enough that the restart picks up quickly what the
    // crash left leased (leases are the only way a lost step comes back).
    options: { concurrency: CONCURRENCY, leaseMs: LEASE_MS, providers: ["gemini"] },
  });
  const mid = await waitFor(
    server,
    id,
    60_000,
    (r) => r.progress.total > 20 && r.progress.done >= r.progress.total * 0.3,
  );
  assert.equal(mid.status, "running");
  // Attempts of every step recorded as done before the crash: none of them may grow.
  const beforeKill = await nodesByHandler(server, id);
  const doneBeforeKill = Object.keys(beforeKill.status).filter((node) => beforeKill.status[node] === "done");
  await server.kill();
  const paidBeforeKill = new Set(gemini.calls.map((c) => c.prompt));
  const callsBeforeKill = gemini.calls.length;
  server = await restartPlatform(server, PORT, vars);

  const run = await waitFor(server, id, 180_000);
  assert.equal(run.status, "completed", await explain(server, id));
  const manifest = await assertComplete(id, upload.book);
  assert.deepEqual(
    manifest.providers.map((p) => p.provider),
    ["gemini"],
  );
  // Steps leased at the kill may run again (their result was never recorded); nothing else.
  const { attempts } = await nodesByHandler(server, id);
  const rerun = Object.entries(attempts).filter(([, n]) => n > 1);
  // A step recorded as done before the crash never runs again.
  assert.deepEqual(
    doneBeforeKill.filter((node) => attempts[node] !== beforeKill.attempts[node]),
    [],
  );
  const paidTwice = [...gemini.perPrompt()].filter(([, n]) => n > 1);
  assert.ok(paidTwice.length <= CONCURRENCY, `prompts paid twice: ${paidTwice.length}`);
  assert.deepEqual(
    paidTwice.filter(([prompt]) => !paidBeforeKill.has(prompt)),
    [],
    "prompts first paid after the restart and paid again",
  );
  assert.ok(gemini.calls.length > callsBeforeKill, "the run went on calling after the restart");
  t.diagnostic(
    `killed at ${mid.progress.done}/${mid.progress.total} done; ${gemini.calls.length} calls ` +
      `(${callsBeforeKill} before the kill), ${rerun.length} step(s) re-run, ${paidTwice.length} prompt(s) paid twice`,
  );
  gemini.setLatency(0);
});

test("a book run keeps its concurrency: steps run in parallel, leased steps do not wait out their lease", async () => {
  const upload = await uploadBook(" parallel");
  gemini.setLatency(150);
  gemini.resetPeak();
  const id = await startRun(server, {
    pipeline: "book",
    input: { upload: upload.id },
    options: { concurrency: CONCURRENCY, leaseMs: 4_000, providers: ["gemini"] },
  });
  try {
    const run = await waitFor(server, id, 90_000);
    const inflight = `at most ${gemini.maxInflight()} call(s) in flight at once`;
    assert.equal(run.status, "completed", `${inflight}; ${await explain(server, id)}`);
    assert.equal(gemini.maxInflight(), CONCURRENCY, inflight);
  } finally {
    gemini.setLatency(0);
  }
});

test("a provider storm mid-run: the breaker opens, offline serves the rest, the run completes", async (t) => {
  const upload = await uploadBook(" storm");
  const OK_FIRST = 12;
  const stormStart = gemini.calls.length + OK_FIRST;
  const storm: Behaviour[] = ["429", "500", "hang"];
  gemini.setBehaviour((n) => (n <= stormStart ? "ok" : storm[n % storm.length]!));
  const id = await startRun(server, {
    pipeline: "book",
    input: { upload: upload.id },
    options: { concurrency: CONCURRENCY, providers: ["gemini", "offline"] },
  });
  const run = await waitFor(server, id, 150_000);
  assert.equal(run.status, "completed", await explain(server, id));
  assert.equal(run.progress.failed, 0);
  const manifest = await assertComplete(id, upload.book);
  const served = Object.fromEntries(manifest.providers.map((p) => [p.provider, p.steps]));
  assert.ok(served.gemini! >= 1, `gemini served before the storm: ${JSON.stringify(served)}`);
  assert.ok(served.offline! >= 1, `offline served during the storm: ${JSON.stringify(served)}`);

  const providers = await json<{
    providers: { name: string; breakers: { model: string; state: string }[] }[];
  }>(server.api("/v1/providers"));
  const breakers = providers.providers.find((p) => p.name === "gemini")!.breakers;
  assert.ok(
    breakers.some((b) => b.state === "open"),
    `gemini breaker: ${JSON.stringify(breakers)}`,
  );
  // Five consecutive failures open it; calls already admitted (each up to 3 attempts) may land.
  const stormCalls = gemini.calls.length - stormStart;
  assert.ok(stormCalls >= 5, `storm calls ${stormCalls}`);
  assert.ok(stormCalls <= 5 + CONCURRENCY * 3, `the storm kept being paid for: ${stormCalls} calls`);
  t.diagnostic(`storm: ${stormCalls} failed Gemini calls; steps served ${JSON.stringify(served)}`);
  gemini.setBehaviour(() => "ok");
});

test("a run whose only provider's breaker is open waits for it instead of failing its steps", async () => {
  // The storm case above left Gemini's breaker open for 60 s.
  const upload = await uploadBook(" breaker");
  const id = await startRun(server, {
    pipeline: "book",
    input: { upload: upload.id },
    options: { concurrency: CONCURRENCY, providers: ["gemini"] },
  });
  try {
    const run = await waitFor(server, id, 30_000, (r) => r.progress.total > 1 && r.progress.done >= 1);
    await new Promise((r) => setTimeout(r, 3_000));
    const now = await json<{ progress: { failed: number } }>(server.api(`/v1/workflows/${id}`));
    assert.equal(now.progress.failed, 0, await explain(server, id));
    assert.equal(run.status, "running");
  } finally {
    await server.api(`/v1/workflows/${id}/cancel`, { method: "POST" });
  }
});
