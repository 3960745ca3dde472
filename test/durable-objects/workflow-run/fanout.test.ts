import { describe, expect, it } from "vitest";
import { fanoutAiCalls } from "../../../workers/pipelines/fanout";
import { createTestKey } from "../../support/api";
import { aiCalls, aiUrl, callsPerNode, isFinished, startRun, waitForRun } from "../../support/workflows";

describe("fanout pipeline end to end", () => {
  it("runs every step exactly once and completes", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 2, sections: 2, paragraphs: 2, aiUrl: aiUrl() },
    });
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    const { calls } = await aiCalls(id);
    expect(calls).toHaveLength(fanoutAiCalls(2, 2, 2));
    expect([...callsPerNode(calls).values()].every((n) => n === 1)).toBe(true);
    // 4 structure + 24 generators + 4 joins + 2 metadata
    expect(run.progress).toMatchObject({ total: 34, done: 34, failed: 0, inFlight: 0 });
  });

  it("never has more steps in flight than the run's concurrency", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 2, sections: 2, paragraphs: 3, aiUrl: aiUrl({ latency: 20 }) },
      options: { concurrency: 3 },
    });
    await waitForRun(key, id, isFinished);
    const { calls, maxInflight } = await aiCalls(id);
    expect(calls).toHaveLength(fanoutAiCalls(2, 2, 3));
    expect(maxInflight).toBe(3);
  });
});
