import { env } from "cloudflare:workers";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fanoutAiCalls } from "../../../workers/pipelines/fanout";
import { createTestKey } from "../../support/api";
import { aiCalls, aiUrl, callsPerNode, isFinished, startRun, waitForRun } from "../../support/workflows";

const NODE = "ch01/s01/structure";

describe("step failures", () => {
  it("retries transient errors with backoff and honours Retry-After", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: {
        chapters: 1,
        sections: 1,
        paragraphs: 1,
        aiUrl: aiUrl({ fail: `${NODE}:1:500,${NODE}:2:429:1` }),
      },
      options: { retryBaseMs: 20 },
    });
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    const attempts = (await aiCalls(id)).calls.filter((c) => c.node === NODE);
    expect(attempts.map((c) => c.attempt)).toEqual([1, 2, 3]);
    // The 429 said "Retry-After: 1": the third attempt waited at least a second.
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(950);
    // The 500 used the (short) exponential backoff instead.
    expect(attempts[1]!.at - attempts[0]!.at).toBeLessThan(900);
  });

  it("fails a step after its last attempt; other branches finish (continue policy)", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 2, sections: 1, paragraphs: 1, aiUrl: aiUrl({ fail: `${NODE}:1:400` }) },
    });
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed_with_errors");
    expect(run.nodes.failed).toBe(1);
    // ch01's metadata depended on the failed section: blocked. ch02 ran fully.
    expect(run.nodes.skipped).toBe(1);
    const counts = callsPerNode((await aiCalls(id)).calls);
    expect(counts.get(NODE)).toBe(1); // 400 is not retried
    expect(counts.get("ch02/metadata")).toBe(1);
    expect(counts.has("ch01/metadata")).toBe(false);
  });

  it("cancels the rest of the run at the first failure with fail_fast", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: {
        chapters: 3,
        sections: 2,
        paragraphs: 2,
        aiUrl: aiUrl({ fail: `${NODE}:1:400`, latency: 30 }),
      },
      options: { failurePolicy: "fail_fast", concurrency: 2 },
    });
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("failed");
    expect(run.error).toContain(NODE);
    expect(run.nodes.cancelled).toBeGreaterThan(0);
  });

  it("re-dispatches a step whose consumer never reports back once its lease expires", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 1, sections: 1, paragraphs: 1, aiUrl: aiUrl({ hang: `${NODE}:1` }) },
      options: { leaseMs: 1_000 },
    });
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    const attempts = (await aiCalls(id)).calls.filter((c) => c.node === NODE);
    expect(attempts.map((c) => c.attempt)).toEqual([1, 2]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("ignores a duplicate delivery of a step message", async () => {
    const { key, tenantId } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 1, sections: 1, paragraphs: 2, aiUrl: aiUrl({ latency: 300 }) },
      options: { concurrency: 1 },
    });
    const stub = env.WORKFLOW_RUN.getByName(id);
    const leased = await runInDurableObject(stub, (_instance, state) =>
      state.storage.sql.exec("SELECT id, lease_id, attempts FROM nodes WHERE status = 'leased'").toArray(),
    );
    expect(leased).toHaveLength(1);
    const message = {
      v: 1,
      runId: id,
      tenantId,
      nodeId: leased[0]!.id,
      leaseId: leased[0]!.lease_id,
      attempt: leased[0]!.attempts,
    };
    await env.STEPS.send(message);
    await env.STEPS.send(message);
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    const { calls } = await aiCalls(id);
    expect(calls).toHaveLength(fanoutAiCalls(1, 1, 2));
    expect([...callsPerNode(calls).values()].every((n) => n === 1)).toBe(true);
  });

  it("survives eviction mid-run without running any step twice", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 3, sections: 2, paragraphs: 3, aiUrl: aiUrl({ latency: 15 }) },
      options: { concurrency: 4 },
    });
    const stub = env.WORKFLOW_RUN.getByName(id);
    let evictions = 0;
    for (;;) {
      const run = await waitForRun(key, id, () => true);
      if (isFinished(run)) break;
      await new Promise((r) => setTimeout(r, 60));
      await evictDurableObject(stub).then(
        () => evictions++,
        () => undefined, // not running at that instant: nothing to evict
      );
    }
    expect(evictions).toBeGreaterThanOrEqual(3);
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    const { calls } = await aiCalls(id);
    expect(calls).toHaveLength(fanoutAiCalls(3, 2, 3));
    expect([...callsPerNode(calls).values()].every((n) => n === 1)).toBe(true);
  });
});
