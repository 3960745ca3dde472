/**
 * Agent modes on the synthetic `phases` pipeline (fast, no renderers): dialog waits for people,
 * auto lets the critic answer (revise then approve, bounded), hybrid hands unsure verdicts and
 * marked phases to people, and the mode switches while the run is live (HTTP and socket).
 * The `drafts` input scripts what the critic sees: the first N versions of a phase are drafts,
 * which the phase's rule check rejects, so the offline critic (through the gateway) revises.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  reviewHistorySchema,
  modeChangeSchema,
  type ReviewRecord,
} from "../../../workers/protocol/workflows";
import { api, authed, createTestKey } from "../../support/api";
import { connectSocket } from "../../support/live";
import { aiUrl, getRun, isFinished, post, startRun, waitForRun } from "../../support/workflows";

type Node = { id: string; status: string; version: number; handler: string };

async function nodes(key: string, id: string): Promise<Map<string, Node>> {
  const res = await api(`/v1/workflows/${id}/nodes?limit=500`, authed(key));
  const body = await res.json<{ nodes: Node[] }>();
  return new Map(body.nodes.map((n) => [n.id, n]));
}

async function waitForNode(
  key: string,
  id: string,
  nodeId: string,
  status: string,
  ms = 15_000,
): Promise<Node> {
  const deadline = Date.now() + ms;
  for (;;) {
    const node = (await nodes(key, id)).get(nodeId);
    if (node?.status === status) return node;
    if (Date.now() > deadline) throw new Error(`${nodeId} never became ${status} (is ${node?.status})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function history(key: string, id: string): Promise<ReviewRecord[]> {
  const res = await api(`/v1/workflows/${id}/reviews`, authed(key));
  expect(res.status).toBe(200);
  return reviewHistorySchema.parse(await res.json()).reviews;
}

async function waitForHistory(
  key: string,
  id: string,
  until: (h: ReviewRecord[]) => boolean,
  ms = 15_000,
): Promise<ReviewRecord[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const h = await history(key, id);
    if (until(h)) return h;
    if (Date.now() > deadline) throw new Error(`history never matched: ${JSON.stringify(h)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const brief = (h: ReviewRecord[]) => h.map((r) => `${r.gate}:${r.reviewer}:${r.action}:v${r.version}`);

function phasesRun(options: Record<string, unknown>, input: Record<string, unknown> = {}) {
  return {
    pipeline: "phases",
    input: { text: "a lighthouse keeper's letter", phases: ["outline", "draft"], ...input },
    options,
  };
}

describe("agent modes", () => {
  it("auto: the critic revises a draft with its feedback, then approves; no person is asked", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, phasesRun({ mode: "auto" }, { drafts: { outline: 1 } }));
    const run = await waitForRun(key, id, isFinished, 30_000);
    expect(run.status, JSON.stringify(run.failures)).toBe("completed");

    const h = await history(key, id);
    expect(brief(h)).toEqual([
      "outline/review:agent:revise:v1",
      "outline/review:agent:approve:v2",
      "draft/review:agent:approve:v1",
    ]);
    expect(h.every((r) => r.reviewer === "agent" && r.critic !== null && r.confidence !== null)).toBe(true);
    expect(h[0]!.feedback).toBe("The outline text is still a draft: finish it.");
    expect(h[0]!.confidence).toBe(0.35);
    expect(h[1]!.confidence).toBe(0.9);

    // The revision answered the critic's feedback, as a person's would be.
    const outline = await api(`/v1/workflows/${id}/nodes/outline`, authed(key));
    const detail = await outline.json<{
      version: number;
      output: { text: string };
      versions: { feedback: string | null }[];
    }>();
    expect(detail.version).toBe(2);
    expect(detail.output.text).not.toContain("[draft]");
    expect(detail.versions[1]!.feedback).toBe("The outline text is still a draft: finish it.");

    // The critic is a real step of the run: one node per critique, through the gateway (offline).
    const critics = [...(await nodes(key, id)).values()].filter((n) => n.handler === "critic");
    expect(critics.map((n) => n.id)).toEqual([
      "outline/review/critic-1",
      "outline/review/critic-2",
      "draft/review/critic-1",
    ]);
    const critic = await api(`/v1/workflows/${id}/nodes/outline/review/critic-1`, authed(key));
    const criticDetail = await critic.json<{ provider: string; output: Record<string, unknown> }>();
    expect(criticDetail.provider).toBe("offline");
    expect(criticDetail.output).toMatchObject({
      verdict: "revise",
      problems: ["The outline text is still a draft: finish it."],
      prompt: { template: "critic", version: "1.0.0+1.0.0" },
    });
  });

  it("auto: at most two revisions in a row, then the agent approves with a note", async () => {
    const { key } = await createTestKey();
    const id = await startRun(
      key,
      phasesRun({ mode: "auto" }, { phases: ["outline"], drafts: { outline: 9 } }),
    );
    const run = await waitForRun(key, id, isFinished, 30_000);
    expect(run.status).toBe("completed");
    const h = await history(key, id);
    expect(brief(h)).toEqual([
      "outline/review:agent:revise:v1",
      "outline/review:agent:revise:v2",
      "outline/review:agent:approve:v3",
    ]);
    expect(h[2]!.feedback).toMatch(
      /^Approved after 2 agent revisions; the critic still asks: The outline text/,
    );
  });

  it("dialog: every gate waits for a person, and the history says a person answered", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, phasesRun({ mode: "dialog" }, { drafts: { outline: 1 } }));
    await waitForNode(key, id, "outline/review", "waiting");
    await new Promise((r) => setTimeout(r, 300));
    expect((await nodes(key, id)).get("outline/review")!.status).toBe("waiting");
    expect([...(await nodes(key, id)).values()].some((n) => n.handler === "critic")).toBe(false);
    expect(await history(key, id)).toEqual([]);

    expect(
      (await post(key, `/v1/workflows/${id}/reviews/outline/review`, { action: "approve" })).status,
    ).toBe(200);
    await waitForNode(key, id, "draft/review", "waiting");
    expect((await post(key, `/v1/workflows/${id}/reviews/draft/review`, { action: "approve" })).status).toBe(
      200,
    );
    expect((await waitForRun(key, id, isFinished)).status).toBe("completed");
    expect(brief(await history(key, id))).toEqual([
      "outline/review:person:approve:v1",
      "draft/review:person:approve:v1",
    ]);
  });

  it("auto → dialog mid-run: the next gate waits for a person", async () => {
    const { key } = await createTestKey();
    // Each phase takes 1.5 s at the fake model server: time to switch between the two gates.
    const id = await startRun(key, phasesRun({ mode: "auto" }, { aiUrl: aiUrl({ latency: 1500 }) }));
    await waitForHistory(key, id, (h) =>
      h.some((r) => r.gate === "outline/review" && r.action === "approve"),
    );
    const res = await post(key, `/v1/workflows/${id}/mode`, { mode: "dialog" });
    expect(res.status).toBe(200);
    expect(modeChangeSchema.parse(await res.json())).toEqual({
      mode: "dialog",
      previous: "auto",
      criticsStarted: [],
    });

    await waitForNode(key, id, "draft/review", "waiting");
    await new Promise((r) => setTimeout(r, 300));
    expect((await nodes(key, id)).get("draft/review")!.status).toBe("waiting");
    expect((await nodes(key, id)).has("draft/review/critic-1")).toBe(false);
    expect((await getRun(key, id)).status).toBe("running");
  });

  it("dialog → auto: the open gate is answered by the critic at once (socket message, audited)", async () => {
    const { key, tenantId } = await createTestKey();
    const id = await startRun(key, phasesRun({ mode: "dialog" }));
    await waitForNode(key, id, "outline/review", "waiting");
    const socket = await connectSocket(id, { key });
    socket.send({ type: "mode", mode: "auto" });
    const run = await waitForRun(key, id, isFinished, 30_000);
    expect(run.status).toBe("completed");
    const h = await history(key, id);
    expect(brief(h)).toEqual(["outline/review:agent:approve:v1", "draft/review:agent:approve:v1"]);
    expect(h.map((r) => r.confidence)).toEqual([0.9, 0.9]);
    expect(h[0]!.feedback).toMatch(/checks pass/);
    // Live clients see who answered.
    await socket.until((m) =>
      m.some(
        (x) => x.type === "review" && x.review.gate === "outline/review" && x.review.reviewer === "agent",
      ),
    );
    socket.ws.close();
    const audit = await env.DB.prepare(
      "SELECT action, target, details FROM audit_log WHERE tenant_id = ? AND action = 'workflow.mode'",
    )
      .bind(tenantId)
      .all<{ action: string; target: string; details: string }>();
    expect(audit.results).toHaveLength(1);
    expect(JSON.parse(audit.results[0]!.details)).toEqual({ via: "websocket", mode: "auto" });
  });

  it(
    "hybrid: an unsure critic and a phase marked for people both wait for a person",
    { timeout: 60_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(
        key,
        phasesRun(
          { mode: "hybrid", humanReview: ["draft"] },
          { phases: ["outline", "draft", "polish"], drafts: { outline: 1 } },
        ),
      );
      // The offline critic revises the draft at confidence 0.35 < 0.7: handed to a person.
      const deferred = await waitForHistory(key, id, (h) => h.some((r) => r.action === "defer"));
      expect(brief(deferred)).toEqual(["outline/review:agent:defer:v1"]);
      expect(deferred[0]!.feedback).toMatch(/unsure \(confidence 0\.35 < 0\.7\): revise/);
      await new Promise((r) => setTimeout(r, 300));
      expect((await nodes(key, id)).get("outline/review")!.status).toBe("waiting");

      expect(
        (await post(key, `/v1/workflows/${id}/reviews/outline/review`, { action: "approve" })).status,
      ).toBe(200);
      // `draft` is marked for people: no critic runs for it.
      await waitForHistory(key, id, (h) => h.length === 3);
      await waitForNode(key, id, "draft/review", "waiting");
      expect((await nodes(key, id)).has("draft/review/critic-1")).toBe(false);
      expect(
        (await post(key, `/v1/workflows/${id}/reviews/draft/review`, { action: "approve" })).status,
      ).toBe(200);
      // `polish` passes its checks: the critic is sure (0.9) and approves it alone.
      expect((await waitForRun(key, id, isFinished, 30_000)).status).toBe("completed");
      expect(brief(await history(key, id))).toEqual([
        "outline/review:agent:defer:v1",
        "outline/review:person:approve:v1",
        "draft/review:agent:defer:v1",
        "draft/review:person:approve:v1",
        "polish/review:agent:approve:v1",
      ]);
    },
  );

  it("bad modes are 400, another tenant's run is 404, a finished run is 409", async () => {
    const { key } = await createTestKey();
    const other = await createTestKey();
    const id = await startRun(key, phasesRun({ mode: "auto" }, { phases: ["outline"] }));
    const bad = await post(key, `/v1/workflows/${id}/mode`, { mode: "turbo" });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { code: string } }>()).error.code).toBe("validation_failed");
    expect((await post(other.key, `/v1/workflows/${id}/mode`, { mode: "dialog" })).status).toBe(404);
    expect((await api(`/v1/workflows/${id}/reviews`, authed(other.key))).status).toBe(404);
    await waitForRun(key, id, isFinished, 30_000);
    const late = await post(key, `/v1/workflows/${id}/mode`, { mode: "dialog" });
    expect(late.status).toBe(409);
    const badOptions = await post(key, "/v1/workflows", phasesRun({ mode: "hybrid", criticThreshold: 2 }));
    expect(badOptions.status).toBe(400);
  });
});
