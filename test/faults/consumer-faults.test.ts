/**
 * Fault suite, consumers misbehaving, against `wrangler dev` (state on disk): the synthetic
 * `fanout` pipeline whose every step is one call to a local AI server that records each call by
 * node and attempt (test/support/fake-ai-server.ts) and misbehaves on chosen attempts.
 * - step code that throws (a 200 that is not JSON, a dropped connection, a 500): that attempt
 *   is retried, nothing else runs twice;
 * - a consumer that hangs past its lease: the step is handed out again after the lease and the
 *   hung attempt never counts.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startFakeAiServer, type CallRecord, type FakeAiServer } from "../support/fake-ai-server.ts";
import {
  explain,
  nodesByHandler,
  startPlatform,
  startRun,
  waitFor,
  type DevServer,
} from "./support/platform.ts";

// FAULTS_PORT (+2 here) lets two checkouts on one machine run the suite at once.
const PORT = (Number(process.env.FAULTS_PORT) || 8831) + 2;

let ai: FakeAiServer;
let server: DevServer;

before(async () => {
  ai = await startFakeAiServer();
  server = await startPlatform(PORT);
});

after(async () => {
  await server?.stop();
  await ai?.close();
});

/** Same count as fanoutAiCalls() in workers/pipelines/fanout: structure + 3 per paragraph + metadata. */
const fanoutCalls = (c: number, s: number, p: number) => c * s + c * s * p * 3 + c;

function attemptsByNode(calls: CallRecord[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const call of calls) out.set(call.node, [...(out.get(call.node) ?? []), call.attempt]);
  return out;
}

async function runFanout(faults: Record<string, string>, options: Record<string, unknown>) {
  const url = new URL(ai.url);
  url.searchParams.set("latency", "20");
  for (const [name, value] of Object.entries(faults)) url.searchParams.set(name, value);
  const id = await startRun(server, {
    pipeline: "fanout",
    input: { chapters: 2, sections: 2, paragraphs: 2, aiUrl: url.toString() },
    options: { concurrency: 4, retryBaseMs: 50, ...options },
  });
  const run = await waitFor(server, id, 90_000);
  assert.equal(run.status, "completed", await explain(server, id));
  // Every node has its output: all done, none failed or left over.
  const { counts } = await nodesByHandler(server, id);
  assert.equal(
    run.nodes.done,
    Object.values(counts).reduce((a, b) => a + b, 0),
  );
  return { id, run, calls: ai.calls(id) };
}

test("step code that throws is retried for that attempt only", async () => {
  const faulty = {
    "ch01/s01/p01/article": "garbage",
    "ch01/s02/p02/script": "reset",
    "ch02/s01/structure": "fail",
  };
  const { calls } = await runFanout(
    {
      garbage: "ch01/s01/p01/article:1",
      reset: "ch01/s02/p02/script:1",
      fail: "ch02/s01/structure:1:500",
    },
    {},
  );
  assert.equal(calls.length, fanoutCalls(2, 2, 2) + Object.keys(faulty).length);
  for (const [node, attempts] of attemptsByNode(calls)) {
    assert.deepEqual(attempts, node in faulty ? [1, 2] : [1], node);
  }
});

test("a consumer that hangs past its lease: the step is handed out again, nothing else re-runs", async () => {
  const HUNG = "ch02/s02/p01/script-json";
  const LEASE_MS = 2_000;
  const { calls } = await runFanout({ hang: `${HUNG}:1` }, { leaseMs: LEASE_MS });
  assert.equal(calls.length, fanoutCalls(2, 2, 2) + 1);
  const byNode = attemptsByNode(calls);
  for (const [node, attempts] of byNode) assert.deepEqual(attempts, node === HUNG ? [1, 2] : [1], node);
  const hung = calls.filter((c) => c.node === HUNG);
  assert.ok(hung[1]!.at - hung[0]!.at >= LEASE_MS - 50, `re-run ${hung[1]!.at - hung[0]!.at} ms after`);
});
