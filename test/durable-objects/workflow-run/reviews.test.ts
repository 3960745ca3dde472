import { describe, expect, it } from "vitest";
import { createTestKey } from "../../support/api";
import {
  aiCalls,
  aiUrl,
  callsPerNode,
  getRun,
  post,
  startRun,
  waitForRun,
  type RunJson,
} from "../../support/workflows";
import { api, authed } from "../../support/api";

type Node = { id: string; status: string; version: number };

async function nodes(key: string, id: string): Promise<Map<string, Node>> {
  const res = await api(`/v1/workflows/${id}/nodes?limit=500`, authed(key));
  const body = await res.json<{ nodes: Node[] }>();
  return new Map(body.nodes.map((n) => [n.id, n]));
}

async function waitForNode(key: string, id: string, nodeId: string, status: string): Promise<Node> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const node = (await nodes(key, id)).get(nodeId);
    if (node?.status === status) return node;
    if (Date.now() > deadline) throw new Error(`${nodeId} never became ${status} (is ${node?.status})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function nodeOutput(key: string, id: string, nodeId: string): Promise<{ text: string }> {
  const res = await api(`/v1/workflows/${id}/nodes/${nodeId}`, authed(key));
  expect(res.status).toBe(200);
  return (await res.json<{ output: { text: string } }>()).output;
}

async function review(key: string, id: string, gate: string, body: unknown): Promise<Response> {
  return post(key, `/v1/workflows/${id}/reviews/${gate}`, body);
}

const PHASES = ["concept", "plot", "final"];

async function startPhases(key: string, extra: Record<string, string> = {}): Promise<string> {
  return startRun(key, {
    pipeline: "phases",
    input: { text: "a cat on the moon", phases: PHASES, aiUrl: aiUrl(extra) },
  });
}

describe("review gates", () => {
  it("pauses at each gate and continues on approve", async () => {
    const { key } = await createTestKey();
    const id = await startPhases(key);
    for (const phase of PHASES) {
      await waitForNode(key, id, `${phase}/review`, "waiting");
      const run = await getRun(key, id);
      expect(run.progress.waitingReview).toBe(1);
      expect((await review(key, id, `${phase}/review`, { action: "approve" })).status).toBe(200);
    }
    const run = await waitForRun(key, id, (r: RunJson) => r.status === "completed");
    expect(run.nodes.done).toBe(6);
    expect((await aiCalls(id)).calls).toHaveLength(3);
  });

  it("revise re-runs the reviewed phase as a new version with the feedback", async () => {
    const { key } = await createTestKey();
    const id = await startPhases(key);
    await waitForNode(key, id, "concept/review", "waiting");
    expect(
      (await review(key, id, "concept/review", { action: "revise", feedback: "more cats" })).status,
    ).toBe(200);
    await waitForNode(key, id, "concept/review", "waiting");
    expect((await nodes(key, id)).get("concept")?.version).toBe(2);
    expect((await nodeOutput(key, id, "concept")).text).toContain("[feedback: more cats]");
    const calls = (await aiCalls(id)).calls.filter((c) => c.node === "concept");
    expect(calls).toHaveLength(2);
  });

  it("edit and select make versions current without calling the provider again", async () => {
    const { key } = await createTestKey();
    const id = await startPhases(key);
    await waitForNode(key, id, "concept/review", "waiting");
    await review(key, id, "concept/review", { action: "revise", feedback: "darker" });
    await waitForNode(key, id, "concept/review", "waiting");
    const edited = await review(key, id, "concept/review", {
      action: "edit",
      output: { phase: "concept", text: "EDITED" },
    });
    expect(edited.status).toBe(200);
    expect((await nodes(key, id)).get("concept")?.version).toBe(3);
    expect((await nodeOutput(key, id, "concept")).text).toBe("EDITED");
    // Back to the first generated version: its recorded output is reused.
    expect((await review(key, id, "concept/review", { action: "select", version: 1 })).status).toBe(200);
    expect((await nodes(key, id)).get("concept")?.version).toBe(1);
    expect((await nodeOutput(key, id, "concept")).text).toBe("answer for concept (attempt 1)");
    const missing = await review(key, id, "concept/review", { action: "select", version: 9 });
    expect(missing.status).toBe(404);
    expect((await missing.json<{ error: { code: string } }>()).error.code).toBe("unknown_version");
    await review(key, id, "concept/review", { action: "approve" });
    await waitForNode(key, id, "plot/review", "waiting");
    expect(callsPerNode((await aiCalls(id)).calls).get("concept")).toBe(2);
    const detail = await (
      await api(`/v1/workflows/${id}/nodes/concept`, authed(key))
    ).json<{ versions: { version: number; source: string }[] }>();
    expect(detail.versions.map((v) => [v.version, v.source])).toEqual([
      [1, "run"],
      [2, "run"],
      [3, "edit"],
    ]);
  });

  it("keeps an action sent before its gate opens and applies it when it does", async () => {
    const { key } = await createTestKey();
    const id = await startPhases(key);
    const early = await review(key, id, "plot/review", { action: "approve" });
    expect(early.status).toBe(202);
    expect((await early.json<{ buffered: boolean }>()).buffered).toBe(true);
    await waitForNode(key, id, "concept/review", "waiting");
    await review(key, id, "concept/review", { action: "approve" });
    // plot runs, its gate opens and the buffered approval passes it straight to final.
    await waitForNode(key, id, "final/review", "waiting");
    expect((await nodes(key, id)).get("plot/review")?.status).toBe("done");
  });

  it("skip passes a gate; back reopens an earlier gate and re-runs what followed", async () => {
    const { key } = await createTestKey();
    const id = await startPhases(key);
    await waitForNode(key, id, "concept/review", "waiting");
    await review(key, id, "concept/review", { action: "skip" });
    expect((await nodes(key, id)).get("concept/review")?.status).toBe("skipped");
    await waitForNode(key, id, "plot/review", "waiting");
    const back = await review(key, id, "plot/review", { action: "back", to: "concept/review" });
    expect(back.status).toBe(200);
    const after = await nodes(key, id);
    expect(after.get("concept/review")?.status).toBe("waiting");
    expect(after.get("plot")?.status).toBe("pending");
    expect(after.get("plot/review")?.status).toBe("pending");
    await review(key, id, "concept/review", { action: "approve" });
    await waitForNode(key, id, "plot/review", "waiting");
    const counts = callsPerNode((await aiCalls(id)).calls);
    expect(counts.get("concept")).toBe(1);
    expect(counts.get("plot")).toBe(2);
  });

  it("keeps at most 10 versions of a node, always including the current one", async () => {
    const { key } = await createTestKey();
    const id = await startPhases(key);
    await waitForNode(key, id, "concept/review", "waiting");
    for (let i = 1; i <= 11; i++) {
      expect(
        (await review(key, id, "concept/review", { action: "revise", feedback: `round ${i}` })).status,
      ).toBe(200);
      await waitForNode(key, id, "concept/review", "waiting");
    }
    const detail = await (
      await api(`/v1/workflows/${id}/nodes/concept`, authed(key))
    ).json<{ version: number; versions: { version: number }[] }>();
    expect(detail.version).toBe(12);
    expect(detail.versions.map((v) => v.version)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const gone = await review(key, id, "concept/review", { action: "select", version: 1 });
    expect(gone.status).toBe(404);
  });

  it("rejects actions on unknown or closed gates with clear errors", async () => {
    const { key } = await createTestKey();
    const id = await startPhases(key);
    await waitForNode(key, id, "concept/review", "waiting");
    const unknown = await review(key, id, "nope/review", { action: "approve" });
    expect(unknown.status).toBe(404);
    await review(key, id, "concept/review", { action: "approve" });
    const closed = await review(key, id, "concept/review", { action: "approve" });
    expect(closed.status).toBe(409);
    expect((await closed.json<{ error: { code: string } }>()).error.code).toBe("gate_closed");
    const invalid = await review(key, id, "plot/review", { action: "revise" });
    expect(invalid.status).toBe(400);
  });
});
