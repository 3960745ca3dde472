import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey, jsonBody } from "../support/api";
import { sample, scrape, summary } from "../support/metrics";
import { isFinished, aiUrl, post, startRun, waitForRun } from "../support/workflows";

async function waitForGate(key: string, id: string, gate: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await api(`/v1/workflows/${id}/nodes/${gate}`, authed(key));
    if (res.status === 200 && (await res.json<{ status: string }>()).status === "waiting") return;
    if (Date.now() > deadline) throw new Error(`${gate} never opened`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("GET /v1/metrics/summary", () => {
  it("shows a tenant its own activity and none of another's", async () => {
    const busy = await createTestKey();
    const idle = await createTestKey();
    for (const n of [1, 2, 3]) {
      const res = await api(
        "/v1/chat/completions",
        authed(
          busy.key,
          jsonBody({ model: "offline", messages: [{ role: "user", content: `Call ${n}. Of three.` }] }),
        ),
      );
      expect(res.status).toBe(200);
    }
    const mine = await summary(busy.key);
    expect(mine.providers.reduce((a, p) => a + p.calls, 0)).toBe(3);
    expect(mine.requests.total).toBe(3);
    const theirs = await summary(idle.key);
    expect(theirs.providers).toEqual([]);
    expect(theirs.requests.total).toBe(0);
    expect(theirs.gateway.tokensIn).toBe(0);
    expect(theirs.runs).toEqual({});
  });

  it("rejects an unknown window and needs a key", async () => {
    const { key } = await createTestKey();
    expect((await api("/v1/metrics/summary?window=1y", authed(key))).status).toBe(400);
    expect((await api("/v1/metrics/summary")).status).toBe(401);
  });

  it("moves with a run: steps, durations, queue lag, runs by status", async () => {
    const { key } = await createTestKey();
    const before = await scrape();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 1, sections: 2, paragraphs: 2, aiUrl: aiUrl() },
    });
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    const mine = await summary(key);
    // Every step a consumer ran (joins settle inside the run object and are not steps here).
    expect(mine.steps.started).toBeGreaterThan(run.progress.total / 2);
    expect(mine.steps.ok).toBe(mine.steps.started);
    expect(mine.steps.failed).toBe(0);
    expect(mine.steps.byHandler.length).toBeGreaterThan(1);
    expect(mine.steps.p95Ms).not.toBeNull();
    expect(mine.queue.lagP50Ms).not.toBeNull();
    expect(mine.runs).toEqual({ completed: 1 });
    const after = await scrape();
    const delta = (name: string, where: Record<string, string> = {}) =>
      sample(after, name, where) - sample(before, name, where);
    expect(delta("tsumugi_steps_started_total", { pipeline: "fanout" })).toBeGreaterThanOrEqual(
      mine.steps.started,
    );
    expect(
      delta("tsumugi_run_transitions_total", { pipeline: "fanout", status: "completed" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(after, "tsumugi_runs", { status: "completed" })).toBeGreaterThanOrEqual(1);
  });

  it("counts review actions and the time a gate waited", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "phases",
      input: { text: "a cat on the moon", phases: ["concept"], aiUrl: aiUrl() },
    });
    await waitForGate(key, id, "concept/review");
    expect(
      (await post(key, `/v1/workflows/${id}/reviews/concept/review`, { action: "approve" })).status,
    ).toBe(200);
    await waitForRun(key, id, isFinished);
    const mine = await summary(key);
    expect(mine.reviews.actions).toEqual({ approve: 1 });
    expect(mine.reviews.waitP50Seconds).not.toBeNull();
  });

  it("counts breaker transitions and shows an open breaker", async () => {
    const model = `flaky-${crypto.randomUUID()}`;
    const guard = env.PROVIDER_GUARD.get(env.PROVIDER_GUARD.idFromName("openai"));
    for (let i = 0; i < 5; i++) await guard.record({ model, provider: "openai", ok: false, latencyMs: 5 });
    const s = await scrape();
    expect(sample(s, "tsumugi_breaker_open", { provider: "openai", model })).toBe(1);
    await expect
      .poll(async () => sample(await scrape(), "tsumugi_breaker_transitions_total", { model, to: "open" }))
      .toBe(1);
    const { key } = await createTestKey();
    expect((await summary(key)).openBreakers).toContainEqual({ provider: "openai", model });
  });
});
