import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fanoutAiCalls } from "../../../workers/pipelines/fanout";
import { createTestKey } from "../../support/api";
import { connectSocket } from "../../support/live";
import {
  aiCalls,
  aiUrl,
  callsPerNode,
  getRun,
  isFinished,
  post,
  startRun,
  waitForRun,
} from "../../support/workflows";

const COST = 0.01;

async function storedSpend(runId: string) {
  const rows = await env.DB.prepare(
    "SELECT cost_usd, tenant_id, api_key_id, node_id FROM usage_records WHERE workflow_id = ?",
  )
    .bind(runId)
    .all<{ cost_usd: number; tenant_id: string; api_key_id: string | null; node_id: string }>();
  return { rows: rows.results, usd: rows.results.reduce((sum, r) => sum + r.cost_usd, 0) };
}

describe("run budgets", () => {
  it("stops 30 concurrent steps at the budget without overshoot, then resumes with a higher one", async () => {
    const owner = await createTestKey();
    const budget = 0.155;
    // 1 structure step, then 30 generators at once (concurrency 30), then 1 metadata step.
    const id = await startRun(owner.key, {
      pipeline: "fanout",
      input: {
        chapters: 1,
        sections: 1,
        paragraphs: 10,
        aiUrl: aiUrl({ latency: 40 }),
        costPerCallUsd: COST,
      },
      options: { concurrency: 30, budgetUsd: budget },
    });
    const stopped = await waitForRun(
      owner.key,
      id,
      (r) => r.status === "budget_exhausted" && r.progress.inFlight === 0,
    );
    expect(stopped.error).toMatch(/Budget exhausted/);
    expect(stopped.progress.done).toBeLessThan(stopped.progress.total);

    const spent = await storedSpend(id);
    expect(spent.usd).toBeLessThanOrEqual(budget + 1e-9);
    expect(spent.rows.length).toBe(Math.floor(budget / COST));
    // Every call that reached the AI server was reserved and recorded; none ran unpaid.
    expect((await aiCalls(id)).calls).toHaveLength(spent.rows.length);
    for (const row of spent.rows)
      expect(row).toMatchObject({ tenant_id: owner.tenantId, api_key_id: owner.id });
    const indexed = await env.DB.prepare("SELECT api_key_id FROM workflows WHERE id = ?")
      .bind(id)
      .first<{ api_key_id: string }>();
    expect(indexed?.api_key_id).toBe(owner.id);

    // It stays stopped: nothing is dispatched while exhausted.
    await new Promise((r) => setTimeout(r, 200));
    expect((await aiCalls(id)).calls).toHaveLength(spent.rows.length);
    expect((await getRun(owner.key, id)).status).toBe("budget_exhausted");

    // Another tenant cannot resume it; a budget on anything but resume is refused.
    const stranger = await createTestKey();
    expect((await post(stranger.key, `/v1/workflows/${id}/resume`, { budgetUsd: 5 })).status).toBe(404);
    expect((await post(owner.key, `/v1/workflows/${id}/pause`, { budgetUsd: 5 })).status).toBe(400);
    expect((await post(owner.key, `/v1/workflows/${id}/resume`, { budgetUsd: -1 })).status).toBe(400);

    const resumed = await post(owner.key, `/v1/workflows/${id}/resume`, { budgetUsd: 1 });
    expect(resumed.status).toBe(200);
    const done = await waitForRun(owner.key, id, isFinished);
    expect(done.status).toBe("completed");
    expect(done.error).toBeNull();
    const total = await storedSpend(id);
    const calls = fanoutAiCalls(1, 1, 10);
    expect(total.rows).toHaveLength(calls);
    expect(total.usd).toBeCloseTo(calls * COST, 9);
    expect(done.progress.costUsd).toBeCloseTo(calls * COST, 9);
    // No step ran twice across the stop and the resume.
    const { calls: made } = await aiCalls(id);
    expect([...callsPerNode(made).values()].every((n) => n === 1)).toBe(true);

    const audit = await env.DB.prepare(
      "SELECT details FROM audit_log WHERE target = ? AND action = 'workflow.resume'",
    )
      .bind(id)
      .first<{ details: string }>();
    expect(JSON.parse(audit?.details ?? "{}")).toEqual({ budgetUsd: 1 });
  });

  it("announces budget_exhausted over the socket and resumes from it with a new budget", async () => {
    const owner = await createTestKey();
    const id = await startRun(owner.key, {
      pipeline: "fanout",
      input: { chapters: 1, sections: 1, paragraphs: 2, aiUrl: aiUrl({ latency: 10 }), costPerCallUsd: COST },
      options: { concurrency: 6, budgetUsd: 0.035 },
    });
    const socket = await connectSocket(id, { key: owner.key });
    const inbox = await socket.until(
      (m) =>
        m.some((x) => x.type === "error" && x.error.code === "budget_exhausted") &&
        m.some((x) => x.type === "progress" && x.status === "budget_exhausted"),
    );
    const announced = inbox.find((x) => x.type === "error" && x.error.code === "budget_exhausted");
    expect(announced).toMatchObject({ error: { details: { budgetUsd: 0.035 } } });
    socket.send({ type: "resume", budgetUsd: 0.5 });
    const after = await socket.until((m) => m.some((x) => x.type === "done"));
    expect(after.find((x) => x.type === "done")).toMatchObject({ run: { status: "completed" } });
    const audit = await env.DB.prepare(
      "SELECT details, api_key_id FROM audit_log WHERE target = ? AND action = 'workflow.resume'",
    )
      .bind(id)
      .first<{ details: string; api_key_id: string }>();
    expect(audit?.api_key_id).toBe(owner.id);
    expect(JSON.parse(audit?.details ?? "{}")).toEqual({ via: "websocket", budgetUsd: 0.5 });
    socket.ws.close();
  });

  it("rejects a budget that is not a positive number", async () => {
    const { key } = await createTestKey();
    const res = await post(key, "/v1/workflows", {
      pipeline: "fanout",
      input: { chapters: 1, sections: 1, paragraphs: 1 },
      options: { budgetUsd: 0 },
    });
    expect(res.status).toBe(400);
  });
});
