/**
 * The fault-injection route exists only on a server started with the `reset-route` fault (the
 * fault suite's, test/faults/delivery-faults.test.ts); wrangler.toml leaves it off, so here it is
 * a 404 even for the owner of a live run, and the run goes on untouched.
 */
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey } from "../../support/api";
import { getRun, startRun, waitForRun } from "../../support/workflows";

describe("fault injection routes", () => {
  it("are absent unless the server was told to inject faults", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, { pipeline: "phases", input: { text: "t", phases: ["one"] } });
    await waitForRun(key, id, (r) => r.progress.waitingReview === 1);
    const res = await api(`/v1/workflows/${id}/faults/reset`, authed(key, { method: "POST" }));
    expect(res.status).toBe(404);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("not_found");
    expect((await getRun(key, id)).progress.waitingReview).toBe(1);
  });
});
