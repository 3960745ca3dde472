/**
 * What a step costs in calls to its run (issue 16, "one RPC per step"): a step handed back in a
 * report reply runs with its dependencies' small outputs and costs its report alone; a large
 * output is still read on demand; and a report under a lease that is no longer current — a
 * consumer that came back after its step was handed out again — is turned away.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey } from "../../support/api";
import { aiCalls, aiUrl, isFinished, post, startRun, waitForRun } from "../../support/workflows";
import type { WorkflowRunObject } from "../../../durable-objects/workflow-run";
import type { StepBatchReply } from "../../../workers/engine/run-rpc";
import { INLINE_DEPENDENCY_OUTPUT_BYTES } from "../../../workers/engine/graph/dependency-outputs";
import { INLINE_OUTPUT_LIMIT_BYTES } from "../../../workers/engine/output-limits";

type NodeDetail = { status: string; output: { text?: string } | null; attempts: number };

async function node(key: string, id: string, nodeId: string): Promise<NodeDetail> {
  const res = await api(`/v1/workflows/${id}/nodes/${nodeId}`, authed(key));
  expect(res.status).toBe(200);
  return res.json<NodeDetail>();
}

async function waitForNode(key: string, id: string, nodeId: string, status: string): Promise<NodeDetail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const detail = await node(key, id, nodeId);
    if (detail.status === status) return detail;
    if (Date.now() > deadline) throw new Error(`${nodeId} never became ${status} (is ${detail.status})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The run object's count of consumer calls (durable-objects/workflow-run/rpc-counts.ts). */
function rpcCounts(id: string) {
  return runInDurableObject(env.WORKFLOW_RUN.getByName(id), (instance: WorkflowRunObject) => ({
    calls: { ...instance.rpcCounts.calls },
    items: { ...instance.rpcCounts.items },
  }));
}

/** A phases run (one → gate → two → gate): approve `one`, wait until `two` is done. */
async function phasesThroughTwo(key: string, input: Record<string, unknown>): Promise<string> {
  const id = await startRun(key, {
    pipeline: "phases",
    input: { text: "a cat", phases: ["one", "two"], ...input },
  });
  await waitForNode(key, id, "one/review", "waiting");
  await post(key, `/v1/workflows/${id}/reviews/one/review`, { action: "approve" });
  await waitForNode(key, id, "two", "done");
  return id;
}

describe("one RPC per step", () => {
  it("steps handed back in report replies cost their report alone: no claim, no read", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 1, sections: 1, paragraphs: 2, aiUrl: aiUrl() },
      options: { concurrency: 30 },
    });
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    // 8 steps: the structure step (queued, so claimed), its 6 generators (handed to the
    // consumer's spare slots with the structure's report reply) and the chapter's metadata
    // (handed back with the last generator's report), which gets the structure's output with it.
    expect((await aiCalls(id)).calls).toHaveLength(8);
    const { calls, items } = await rpcCounts(id);
    expect(items).toEqual({ claim: 1, report: 8, readOutput: 0 });
    expect(calls.claim).toBe(1);
    expect(calls.report).toBeLessThanOrEqual(8);
  });

  it("a step reads its dependency's small output from its assignment, with no read RPC", async () => {
    const { key } = await createTestKey();
    // No aiUrl: the synthetic answer echoes the prompt, which quotes the previous phase.
    const id = await phasesThroughTwo(key, {});
    const two = await node(key, id, "two");
    expect(two.output?.text).toContain("two from: [synthetic] one from: a cat");
    expect((await rpcCounts(id)).calls.readOutput).toBe(0);
  });

  it.each([
    ["stored in the run, too large to travel with the step", INLINE_DEPENDENCY_OUTPUT_BYTES + 1_000],
    ["stored in R2", INLINE_OUTPUT_LIMIT_BYTES + 1_000],
  ])("a step still gets a large dependency output (%s) by reading it", async (_what, size) => {
    const { key } = await createTestKey();
    const id = await phasesThroughTwo(key, { aiUrl: aiUrl({ size }) });
    expect((await node(key, id, "one")).output?.text?.length ?? size).toBeGreaterThanOrEqual(size);
    expect((await node(key, id, "two")).attempts).toBe(1);
    expect((await rpcCounts(id)).calls.readOutput).toBe(1);
  });

  it("turns away the late report of a consumer whose step was handed out again", async () => {
    const { key } = await createTestKey();
    const NODE = "ch01/s01/structure";
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 1, sections: 1, paragraphs: 1, aiUrl: aiUrl({ hang: `${NODE}:1` }) },
      options: { leaseMs: 1_000 },
    });
    const stub = env.WORKFLOW_RUN.getByName(id);
    // The first attempt's lease, taken while its consumer hangs.
    let oldLease: string | null = null;
    while (!oldLease) {
      const [row] = await runInDurableObject(stub, (_instance, state) =>
        state.storage.sql
          .exec("SELECT lease_id FROM nodes WHERE id = ? AND status = 'leased' AND attempts = 1", NODE)
          .toArray(),
      );
      oldLease = row ? String(row.lease_id) : null;
      if (!oldLease) await new Promise((r) => setTimeout(r, 20));
    }
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    const before = await node(key, id, NODE);
    expect(before.attempts).toBe(2);
    // The first consumer finally reports, under its old lease: refused, nothing changes.
    const reply = await runInDurableObject(stub, (instance: WorkflowRunObject): Promise<StepBatchReply> =>
      instance.completeMany([
        {
          nodeId: NODE,
          leaseId: oldLease!,
          outcome: { ok: true, output: { text: "late" }, durationMs: 1 },
          acceptNext: true,
        },
      ]),
    );
    expect(reply.replies).toEqual([{ accepted: false, next: null }]);
    expect(await node(key, id, NODE)).toEqual(before);
  });
});
