/**
 * The run object against real-size shapes and lost state, in workerd: a join wider than the
 * Durable Object's 100-parameter limit completes, and a run that can no longer move is ended with
 * a clear error instead of staying `running` forever.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fanoutAiCalls } from "../../../workers/pipelines/fanout";
import { api, authed, createTestKey } from "../../support/api";
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

describe("run object: wide joins and stalls", () => {
  it("workerd refuses a statement with more than 100 bound parameters (the limit the engine designs for)", async () => {
    const stub = env.WORKFLOW_RUN.getByName(`probe-${crypto.randomUUID()}`);
    const ids = Array.from({ length: 101 }, (_, i) => `n${i}`);
    await expect(
      runInDurableObject(stub, (_i, state) =>
        state.storage.sql
          .exec(`SELECT 1 FROM nodes WHERE id IN (${ids.map(() => "?").join(",")})`, ...ids)
          .toArray(),
      ),
    ).rejects.toThrow(/too many SQL variables/);
  });

  it(
    "completes a section whose join waits for 300 spawned steps, each run once",
    { timeout: 60_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(key, {
        pipeline: "fanout",
        input: { chapters: 1, sections: 2, paragraphs: 100, aiUrl: aiUrl() },
      });
      const run = await waitForRun(key, id, isFinished, 50_000);
      expect(run.status).toBe("completed");
      expect(run.progress).toMatchObject({ total: 2 + 600 + 2 + 1, done: 605, failed: 0, inFlight: 0 });
      const { calls } = await aiCalls(id);
      expect(calls).toHaveLength(fanoutAiCalls(1, 2, 100));
      expect([...callsPerNode(calls).values()].every((n) => n === 1)).toBe(true);
    },
  );

  it(
    "ends a run that can never finish with a clear error, in the status and the event stream",
    { timeout: 40_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(key, {
        pipeline: "fanout",
        input: { chapters: 1, sections: 1, paragraphs: 1, aiUrl: aiUrl({ latency: 200 }) },
        options: { concurrency: 1 },
      });
      expect((await post(key, `/v1/workflows/${id}/pause`)).status).toBe(200);
      // Lost state: a step that waits for itself, as a half-written graph could leave one.
      await runInDurableObject(env.WORKFLOW_RUN.getByName(id), (_i, state) => {
        state.storage.sql.exec(
          "INSERT INTO nodes (id, seq, kind, handler, status, deps_open, created_at) VALUES ('orphan', 9999, 'step', 'generate', 'pending', 1, 0)",
        );
        state.storage.sql.exec("INSERT INTO edges (src, dst) VALUES ('orphan', 'orphan')");
      });
      expect((await post(key, `/v1/workflows/${id}/resume`)).status).toBe(200);
      const run = await waitForRun(key, id, isFinished, 20_000);
      expect(run.status).toBe("failed");
      expect(run.error).toMatch(/stalled: 1 steps wait .*orphan/);
      const events = await api(
        `/v1/workflows/${id}/events`,
        authed(key, { headers: { "Last-Event-ID": "0" } }),
      );
      const reader = events.body!.getReader();
      let text = "";
      while (!text.includes("event: done")) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      expect(text).toMatch(/event: error\ndata: .*"code":"run_stalled"/);
      // Everything that could run did, exactly once.
      const { calls } = await aiCalls(id);
      expect(calls).toHaveLength(fanoutAiCalls(1, 1, 1));
      expect((await getRun(key, id)).nodes).toMatchObject({ done: 6, cancelled: 1 });
    },
  );

  it("lists the failed steps with their reasons in GET /v1/workflows/:id", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: {
        chapters: 1,
        sections: 1,
        paragraphs: 1,
        aiUrl: aiUrl({ failcalls: "ch01/s01/structure:10:400" }),
      },
    });
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed_with_errors");
    const body = (await getRun(key, id)) as unknown as { failures: { nodeId: string; error: string }[] };
    expect(body.failures).toEqual([{ nodeId: "ch01/s01/structure", error: expect.stringMatching(/400/) }]);
  });
});
