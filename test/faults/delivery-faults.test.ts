/**
 * Fault suite, the platform's own faults caused on purpose, against `wrangler dev` (state on
 * disk) started with `FAULT_INJECTION=duplicate-steps,reset-route`
 * (workers/engine/fault-injection.ts), running the synthetic `fanout` pipeline whose every step
 * is one call to a local AI server that records each call by node and attempt:
 * - every step message is delivered twice (and every step goes through the queue): each step
 *   still runs, and is paid for, exactly once;
 * - the run's Durable Object is reset again and again mid-run: the run completes from its stored
 *   state, each step paid for once.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startFakeAiServer, type CallRecord, type FakeAiServer } from "../support/fake-ai-server.ts";
import { explain, getRun, startPlatform, startRun, waitFor, type DevServer } from "./support/platform.ts";

// FAULTS_PORT (+4 here) lets two checkouts on one machine run the suite at once.
const PORT = (Number(process.env.FAULTS_PORT) || 8831) + 4;

let ai: FakeAiServer;
let server: DevServer;

before(async () => {
  ai = await startFakeAiServer();
  server = await startPlatform(PORT, { FAULT_INJECTION: "duplicate-steps,reset-route" });
});

after(async () => {
  await server?.stop();
  await ai?.close();
});

/** Same count as fanoutAiCalls() in workers/pipelines/fanout: structure + 3 per paragraph + metadata. */
const RESETS = 5;

const fanoutCalls = (c: number, s: number, p: number) => c * s + c * s * p * 3 + c;

function startFanout(latencyMs: number): Promise<string> {
  const url = new URL(ai.url);
  url.searchParams.set("latency", String(latencyMs));
  return startRun(server, {
    pipeline: "fanout",
    input: { chapters: 2, sections: 2, paragraphs: 2, aiUrl: url.toString() },
    options: { concurrency: 4, retryBaseMs: 50 },
  });
}

/** Each step's provider call made once: nothing that ran was paid for twice. */
function assertPaidOnce(calls: CallRecord[]): void {
  const expected = fanoutCalls(2, 2, 2);
  const twice = calls.filter((c, i) => calls.findIndex((o) => o.node === c.node) !== i);
  assert.deepEqual(
    twice.map((c) => calls.filter((o) => o.node === c.node)),
    [],
    "no step was called twice",
  );
  assert.equal(calls.length, expected, "one provider call per step");
}

test("every step message delivered twice: each step runs and is paid for once", async () => {
  const id = await startFanout(20);
  const run = await waitFor(server, id, 120_000);
  assert.equal(run.status, "completed", await explain(server, id));
  assertPaidOnce(ai.calls(id));
  // A duplicate is turned away at its claim, before any work: no step needed a second attempt.
  assert.ok(
    ai.calls(id).every((c) => c.attempt === 1),
    "no step needed a second attempt",
  );
});

test("the run's Durable Object reset again and again mid-run: it completes, each step paid once", async (t) => {
  const id = await startFanout(1_000);
  // Five resets 1.5 s apart while the run is going: each drops the object mid-step, between a
  // claim and its report; the run must carry on from storage every time.
  let resets = 0;
  while (resets < RESETS) {
    const run = await getRun(server, id);
    if (["completed", "completed_with_errors", "failed", "cancelled"].includes(run.status)) break;
    const res = await server.api(`/v1/workflows/${id}/faults/reset`, { method: "POST" });
    assert.equal(res.status, 200, await res.text());
    resets++;
    await new Promise((r) => setTimeout(r, 1_500));
  }
  const run = await waitFor(server, id, 120_000);
  assert.equal(run.status, "completed", await explain(server, id));
  assert.equal(resets, RESETS, `only ${resets} reset(s) happened before the run ended`);
  assertPaidOnce(ai.calls(id));
  t.diagnostic(`${resets} resets during the run`);
});
