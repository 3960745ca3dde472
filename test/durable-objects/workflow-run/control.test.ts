import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey } from "../../support/api";
import { aiCalls, aiUrl, getRun, isFinished, post, startRun, waitForRun } from "../../support/workflows";

const slowFanout = (latency: number) => ({
  pipeline: "fanout",
  input: { chapters: 2, sections: 2, paragraphs: 3, aiUrl: aiUrl({ latency }) },
  options: { concurrency: 2 },
});

describe("run control", () => {
  it("pause stops dispatching, resume finishes the run", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, slowFanout(40));
    await waitForRun(key, id, (r) => r.progress.done >= 3);
    expect((await post(key, `/v1/workflows/${id}/pause`)).status).toBe(200);
    // In-flight steps finish; nothing new starts.
    await waitForRun(key, id, (r) => r.progress.inFlight === 0);
    const before = (await aiCalls(id)).calls.length;
    await new Promise((r) => setTimeout(r, 200));
    expect((await aiCalls(id)).calls.length).toBe(before);
    expect((await getRun(key, id)).status).toBe("paused");
    expect((await post(key, `/v1/workflows/${id}/resume`)).status).toBe(200);
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
  });

  it("cancel ends the run and no further steps start", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, slowFanout(60));
    await waitForRun(key, id, (r) => r.progress.done >= 2);
    const res = await post(key, `/v1/workflows/${id}/cancel`);
    expect(res.status).toBe(200);
    expect((await res.json<{ status: string }>()).status).toBe("cancelled");
    const calls = (await aiCalls(id)).calls.length;
    await new Promise((r) => setTimeout(r, 300));
    expect((await aiCalls(id)).calls.length).toBeLessThanOrEqual(calls + 2); // at most the in-flight pair
    expect((await post(key, `/v1/workflows/${id}/resume`)).status).toBe(409);
  });

  it("retry re-runs failed steps and what they blocked", async () => {
    const { key } = await createTestKey();
    const node = "ch01/s01/structure";
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 1, sections: 2, paragraphs: 1, aiUrl: aiUrl({ failcalls: `${node}:1:400` }) },
    });
    const failed = await waitForRun(key, id, isFinished);
    expect(failed.status).toBe("completed_with_errors");
    expect((await post(key, `/v1/workflows/${id}/retry`)).status).toBe(200);
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    expect(run.nodes.failed ?? 0).toBe(0);
  });

  it("a failure inside a fan-out blocks what waits for the fan-out, and retry recovers it", async () => {
    const { key } = await createTestKey();
    const node = "ch01/s01/p01/article";
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 2, sections: 1, paragraphs: 1, aiUrl: aiUrl({ failcalls: `${node}:1:400` }) },
    });
    const failed = await waitForRun(key, id, isFinished);
    expect(failed.status).toBe("completed_with_errors");
    // The section join and ch01's metadata are blocked; ch02 ran to the end.
    expect(failed.nodes).toMatchObject({ failed: 1, skipped: 2 });
    const calls = (await aiCalls(id)).calls.map((c) => c.node);
    expect(calls).toContain("ch02/metadata");
    expect(calls).not.toContain("ch01/metadata");
    expect((await post(key, `/v1/workflows/${id}/retry`)).status).toBe(200);
    const run = await waitForRun(key, id, isFinished);
    expect(run.status).toBe("completed");
    expect((await aiCalls(id)).calls.filter((c) => c.node === "ch01/metadata")).toHaveLength(1);
  });

  it("stores large outputs in R2 by reference and reads them back for later steps", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "phases",
      input: { text: "x", phases: ["big", "after"], aiUrl: aiUrl({ size: 70_000 }) },
    });
    await waitForRun(key, id, (r) => r.progress.waitingReview === 1);
    await post(key, `/v1/workflows/${id}/reviews/big/review`, { action: "approve" });
    await waitForRun(key, id, (r) => r.progress.waitingReview === 1 && r.progress.done >= 3);
    const detail = await (
      await api(`/v1/workflows/${id}/nodes/big`, authed(key))
    ).json<{ output: unknown; outputRef: string }>();
    expect(detail.output).toBeNull();
    expect(detail.outputRef).toMatch(new RegExp(`^runs/${id}/nodes/big/v1\\.json$`));
    expect((await env.BUCKET.head(detail.outputRef))?.size).toBeGreaterThan(70_000);
  });

  it("DELETE removes the run, its R2 objects and its index row", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, {
      pipeline: "fanout",
      input: { chapters: 1, sections: 1, paragraphs: 1, aiUrl: aiUrl({ size: 70_000 }) },
    });
    await waitForRun(key, id, isFinished);
    expect((await env.BUCKET.list({ prefix: `runs/${id}/` })).objects.length).toBe(5);
    const res = await api(`/v1/workflows/${id}`, authed(key, { method: "DELETE" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, deleted: true, r2Objects: 5 });
    expect((await env.BUCKET.list({ prefix: `runs/${id}/` })).objects).toHaveLength(0);
    expect((await api(`/v1/workflows/${id}`, authed(key))).status).toBe(404);
    const row = await env.DB.prepare("SELECT id FROM workflows WHERE id = ?").bind(id).first();
    expect(row).toBeNull();
  });
});

describe("listing and validation", () => {
  it("lists a tenant's runs newest first, filtered and paginated", async () => {
    const { key } = await createTestKey();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        await startRun(key, { pipeline: "fanout", input: { chapters: 1, sections: 1, paragraphs: 1 } }),
      );
    }
    for (const id of ids) await waitForRun(key, id, isFinished);
    const first = await (
      await api("/v1/workflows?limit=2", authed(key))
    ).json<{ workflows: { id: string }[]; nextCursor: string }>();
    expect(first.workflows.map((w) => w.id)).toEqual([ids[2], ids[1]]);
    const second = await (
      await api(`/v1/workflows?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, authed(key))
    ).json<{ workflows: { id: string }[]; nextCursor: string | null }>();
    expect(second.workflows.map((w) => w.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    const filtered = await (
      await api("/v1/workflows?status=running", authed(key))
    ).json<{ workflows: unknown[] }>();
    expect(filtered.workflows).toHaveLength(0);
  });

  it("rejects unknown pipelines and invalid input with field details", async () => {
    const { key } = await createTestKey();
    const unknown = await post(key, "/v1/workflows", { pipeline: "nope", input: {} });
    expect(unknown.status).toBe(400);
    expect((await unknown.json<{ error: { code: string } }>()).error.code).toBe("unknown_pipeline");
    const invalid = await post(key, "/v1/workflows", {
      pipeline: "fanout",
      input: { chapters: 0, sections: 1, paragraphs: 1, aiUrl: "http://10.0.0.1/ai" },
    });
    expect(invalid.status).toBe(400);
    const body = await invalid.json<{ error: { code: string; details: { issues: { path: string }[] } } }>();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(["input.aiUrl", "input.chapters"]);
  });

  it("refuses a pinned prompt variant that does not exist, naming the ones that do", async () => {
    const { key } = await createTestKey();
    const res = await post(key, "/v1/workflows", {
      pipeline: "fanout",
      input: { chapters: 1, sections: 1, paragraphs: 1 },
      options: { promptVariants: { "manga/storyboard": "beats-frist", "no/such": "base" } },
    });
    expect(res.status).toBe(400);
    const body = await res.json<{
      error: { code: string; details: { issues: { path: string; message: string }[] } };
    }>();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.issues).toEqual([
      {
        path: "options.promptVariants.manga/storyboard",
        message: 'no variant "beats-frist"; this template has "base", "beats-first"',
      },
      { path: "options.promptVariants.no/such", message: "no such template" },
    ]);
    const runs = await (await api("/v1/workflows", authed(key))).json<{ workflows: unknown[] }>();
    expect(runs.workflows).toHaveLength(0);
  });
});

describe("tenancy", () => {
  it("another tenant's key sees and controls nothing of the run", async () => {
    const owner = await createTestKey();
    const other = await createTestKey();
    const id = await startRun(owner.key, { pipeline: "phases", input: { text: "t", phases: ["one"] } });
    await waitForRun(owner.key, id, (r) => r.progress.waitingReview === 1);
    const attempts: [string, RequestInit][] = [
      [`/v1/workflows/${id}`, {}],
      [`/v1/workflows/${id}/nodes`, {}],
      [`/v1/workflows/${id}/nodes/one`, {}],
      [`/v1/workflows/${id}/events`, {}],
      [`/v1/workflows/${id}/ws`, { headers: { Upgrade: "websocket" } }],
      [`/v1/workflows/${id}/cancel`, { method: "POST" }],
      [
        `/v1/workflows/${id}/reviews/one/review`,
        { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"action":"approve"}' },
      ],
      [`/v1/workflows/${id}`, { method: "DELETE" }],
    ];
    for (const [path, init] of attempts) {
      const res = await api(path, authed(other.key, init));
      expect(res.status, `${init.method ?? "GET"} ${path}`).toBe(404);
    }
    const list = await (await api("/v1/workflows", authed(other.key))).json<{ workflows: unknown[] }>();
    expect(list.workflows).toHaveLength(0);
    // Untouched for its owner.
    expect((await getRun(owner.key, id)).status).toBe("running");
    expect((await getRun(owner.key, id)).progress.waitingReview).toBe(1);
  });
});
