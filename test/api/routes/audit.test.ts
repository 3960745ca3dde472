import { describe, expect, it } from "vitest";
import { auditPageSchema, type AuditEntry } from "../../../workers/protocol/audit";
import { api, authed, createTestKey } from "../../support/api";
import { connectSocket } from "../../support/live";
import { post, startRun } from "../../support/workflows";

async function audit(key: string, query = ""): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  const res = await api(`/v1/audit${query}`, authed(key));
  expect(res.status).toBe(200);
  return auditPageSchema.parse(await res.json());
}

describe("GET /v1/audit", () => {
  it("lists HTTP and socket actions of the tenant, filtered by run, action and time, paged", async () => {
    const owner = await createTestKey();
    const started = Date.now();
    const id = await startRun(owner.key, {
      pipeline: "phases",
      input: { text: "t", phases: ["one", "two"] },
    });
    const live = await connectSocket(id, { key: owner.key });
    await live.until((m) => m.some((x) => x.type === "snapshot" || x.type === "review"));
    live.send({ type: "review", gate: "one/review", review: { action: "approve" } });
    await live.until((m) => m.some((x) => x.type === "review" && x.review.gate === "two/review"));
    live.ws.close();
    expect((await post(owner.key, `/v1/workflows/${id}/pause`)).status).toBe(200);

    // The socket action is written after its answer; give it a moment to land.
    let all = await audit(owner.key, `?run=${id}`);
    for (let i = 0; i < 40 && all.entries.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 25));
      all = await audit(owner.key, `?run=${id}`);
    }
    expect(all.entries.map((e) => e.action)).toEqual([
      "workflow.pause",
      "workflow.review.approve",
      "workflow.create",
    ]);
    const [pause, review, create] = all.entries;
    expect(review).toMatchObject({
      target: `${id}/one/review`,
      apiKeyId: owner.id,
      details: { via: "websocket" },
    });
    expect(pause).toMatchObject({ target: id, apiKeyId: owner.id });
    expect(pause?.requestId).toBeTruthy();
    expect(create?.details).toEqual({ pipeline: "phases" });

    const reviews = await audit(owner.key, `?run=${id}&action=workflow.review`);
    expect(reviews.entries.map((e) => e.action)).toEqual(["workflow.review.approve"]);
    const exact = await audit(owner.key, `?action=workflow.pause&run=${id}`);
    expect(exact.entries).toHaveLength(1);

    const inRange = await audit(owner.key, `?run=${id}&since=${started}&until=${Date.now() + 1}`);
    expect(inRange.entries).toHaveLength(3);
    expect((await audit(owner.key, `?run=${id}&until=${started}`)).entries).toHaveLength(0);

    // Pages of one, newest first, without gaps or repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await audit(owner.key, `?run=${id}&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.entries.map((e) => e.action));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.entries.map((e) => e.action));

    const stranger = await createTestKey();
    expect((await audit(stranger.key, `?run=${id}`)).entries).toEqual([]);
  });

  it("rejects bad filters with the fields named", async () => {
    const { key } = await createTestKey();
    for (const query of ["?cursor=nope", "?run=wf_1", "?limit=0", "?action=%25"]) {
      const res = await api(`/v1/audit${query}`, authed(key));
      expect(res.status, query).toBe(400);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("validation_failed");
    }
    expect((await api("/v1/audit")).status).toBe(401);
  });
});
