/**
 * Socket messages obey the same size limit and storage rules as HTTP bodies, and every
 * subscribe gets an answer.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey } from "../support/api";
import { connectSocket } from "../support/live";
import { post, startRun, waitForRun } from "../support/workflows";

async function phasesRun(key: string) {
  const id = await startRun(key, { pipeline: "phases", input: { text: "t", phases: ["one", "two"] } });
  await waitForRun(key, id, (r) => r.progress.waitingReview === 1);
  return id;
}

async function nodeDetail(key: string, id: string, node: string) {
  const res = await api(`/v1/workflows/${id}/nodes/${node}`, authed(key));
  return res.json<{ version: number; output: unknown; outputRef: string | null }>();
}

const maxBytes = Number(env.MAX_JSON_BODY_BYTES);

describe("socket message limits", () => {
  it("refuses a message over MAX_JSON_BODY_BYTES with an error and stores nothing", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const socket = await connectSocket(id, { key });
    await socket.until((m) => m.length >= 1);
    const before = await nodeDetail(key, id, "one");
    const text = "x".repeat(maxBytes);
    socket.send({ type: "review", gate: "one/review", review: { action: "edit", output: { phase: "one", text } } });
    const [error] = (await socket.until((m) => m.some((x) => x.type === "error"))).filter(
      (m) => m.type === "error",
    );
    expect(error).toMatchObject({ error: { code: "payload_too_large", details: { max_bytes: maxBytes } } });
    expect((await nodeDetail(key, id, "one")).version).toBe(before.version);
    socket.ws.close();
  });

  it("answers a 20 MiB message with an error and keeps serving", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const socket = await connectSocket(id, { key });
    await socket.until((m) => m.length >= 1);
    const output = { text: "y".repeat(20 * 1024 * 1024) };
    socket.send({ type: "review", gate: "one/review", review: { action: "edit", output } });
    await socket.until((m) => m.some((x) => x.type === "error" && x.error.code === "payload_too_large"));
    socket.send({ type: "review", gate: "one/review", review: { action: "approve" } });
    await waitForRun(key, id, (r) => r.progress.done >= 3);
    expect(socket.closed).toBeNull();
    socket.ws.close();
  }, 30_000);

  it("stores a large edit in R2 like a large step output, over the socket and over HTTP", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const socket = await connectSocket(id, { key });
    await socket.until((m) => m.length >= 1);
    // Over the inline output limit (64 KB), under the phase schema's 100,000 characters.
    const text = "z".repeat(90 * 1024);
    socket.send({ type: "review", gate: "one/review", review: { action: "edit", output: { phase: "one", text } } });
    let detail = await nodeDetail(key, id, "one");
    for (let i = 0; i < 50 && detail.version < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      detail = await nodeDetail(key, id, "one");
    }
    expect(detail.version).toBe(2);
    expect(detail.output).toBeNull();
    expect(detail.outputRef).toMatch(new RegExp(`^runs/${id}/`));
    const stored = await env.BUCKET.get(detail.outputRef!);
    expect(await stored!.json()).toEqual({ phase: "one", text });

    const viaHttp = await post(key, `/v1/workflows/${id}/reviews/one/review`, {
      action: "edit",
      output: { phase: "one", text: text + "!" },
    });
    expect(viaHttp.status).toBe(200);
    detail = await nodeDetail(key, id, "one");
    expect(detail.version).toBe(3);
    expect(detail.outputRef).toMatch(new RegExp(`^runs/${id}/`));
    expect(await (await env.BUCKET.get(detail.outputRef!))!.json()).toEqual({ phase: "one", text: text + "!" });

    // The next step reads the edited version from R2.
    socket.send({ type: "review", gate: "one/review", review: { action: "approve" } });
    await waitForRun(key, id, (r) => r.progress.waitingReview === 1 && r.progress.done >= 3);
    expect(
      (await api(`/v1/workflows/${id}/nodes/two`, authed(key)).then((r) => r.json<{ status: string }>()))
        .status,
    ).toBe("done");
    socket.ws.close();
  });
});

describe("subscribe", () => {
  it("answers a since past the end of the log with an error naming the head, then a snapshot", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const socket = await connectSocket(id, { key });
    const [snapshot] = await socket.until((m) => m.length >= 1);
    const head = snapshot!.seq;
    socket.send({ type: "subscribe", since: head + 1_000 });
    const messages = await socket.until((m) => m.length >= 3);
    expect(messages[1]).toMatchObject({
      type: "error",
      error: { code: "since_ahead", details: { since: head + 1_000, head } },
    });
    expect(messages[2]).toMatchObject({ type: "snapshot", seq: head });
    socket.ws.close();
  });
});
