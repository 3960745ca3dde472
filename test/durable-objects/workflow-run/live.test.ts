import { describe, expect, it } from "vitest";
import { serverMessageSchema, type ServerMessage } from "../../../workers/protocol/live";
import { api, authed, createTestKey } from "../../support/api";
import { readFrames } from "../../support/live";
import { post, startRun, waitForRun } from "../../support/workflows";

/** A WebSocket to a run through the Worker's real fetch handler, with a message inbox. */
async function connect(key: string, id: string, since?: number) {
  const query = since === undefined ? "" : `?since=${since}`;
  const res = await api(`/v1/workflows/${id}/ws${query}`, authed(key, { headers: { Upgrade: "websocket" } }));
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const inbox: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener("message", (event) => {
    // Parsed with the protocol's schema: a message the object sends out of protocol fails here.
    inbox.push(serverMessageSchema.parse(JSON.parse(String(event.data))));
    waiters.splice(0).forEach((w) => w());
  });
  async function until(
    predicate: (messages: ServerMessage[]) => boolean,
    timeoutMs = 5_000,
  ): Promise<ServerMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(inbox)) {
      if (Date.now() > deadline)
        throw new Error(`timed out; got ${JSON.stringify(inbox.map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return inbox;
  }
  return { ws, inbox, until };
}

const lastSeq = (messages: ServerMessage[]) => Math.max(...messages.map((m) => m.seq));

async function phasesRun(key: string) {
  const id = await startRun(key, {
    pipeline: "phases",
    input: { text: "t", phases: ["one", "two", "three"] },
  });
  await waitForRun(key, id, (r) => r.progress.waitingReview === 1);
  return id;
}

describe("live events over WebSocket", () => {
  it("sends a snapshot on connect and takes review actions", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const live = await connect(key, id);
    const [snapshot] = await live.until((m) => m.length >= 1);
    expect(snapshot?.type).toBe("snapshot");
    if (snapshot?.type !== "snapshot") return;
    expect(snapshot.openReviews.map((r) => r.gate)).toEqual(["one/review"]);
    live.ws.send(JSON.stringify({ type: "review", gate: "one/review", review: { action: "approve" } }));
    const messages = await live.until((m) =>
      m.some((x) => x.type === "review" && x.review.gate === "two/review"),
    );
    const seqs = messages.slice(1).map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(
      messages.some(
        (m) => m.type === "review" && m.review.gate === "one/review" && m.review.state === "closed",
      ),
    ).toBe(true);
    live.ws.close();
  });

  it("answers malformed messages with an error and keeps the socket open", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const live = await connect(key, id);
    await live.until((m) => m.length >= 1);
    live.ws.send("not json");
    live.ws.send(JSON.stringify({ type: "review", gate: "one/review", review: { action: "explode" } }));
    live.ws.send(JSON.stringify({ type: "review", gate: "missing/review", review: { action: "approve" } }));
    const errors = (await live.until((m) => m.filter((x) => x.type === "error").length >= 3)).filter(
      (m) => m.type === "error",
    );
    expect(errors.map((e) => e.type === "error" && e.error.code)).toEqual([
      "invalid_message",
      "invalid_message",
      "unknown_gate",
    ]);
    // Still open and served:
    live.ws.send(JSON.stringify({ type: "subscribe" }));
    await live.until((m) => m.filter((x) => x.type === "snapshot").length >= 2);
    live.ws.close();
  });

  it("a client reconnecting with its last seq receives exactly what it missed", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const first = await connect(key, id);
    await first.until((m) => m.length >= 1);
    const seenUpTo = lastSeq(first.inbox);
    first.ws.close();
    // Things happen while the client is away.
    await post(key, `/v1/workflows/${id}/reviews/one/review`, { action: "approve" });
    await waitForRun(key, id, (r) => r.progress.waitingReview === 1 && r.progress.done >= 3);
    const again = await connect(key, id, seenUpTo);
    const missed = await again.until((m) =>
      m.some((x) => x.type === "review" && x.review.gate === "two/review"),
    );
    expect(missed.some((m) => m.type === "snapshot")).toBe(false);
    const seqs = missed.map((m) => m.seq);
    expect(seqs[0]).toBe(seenUpTo + 1);
    expect(seqs).toEqual(seqs.map((_, i) => seenUpTo + 1 + i)); // no gaps, no repeats
    again.ws.close();
  });
});

describe("live events over Server-Sent Events", () => {
  it("streams the same messages and resumes after Last-Event-ID", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const res = await api(`/v1/workflows/${id}/events`, authed(key));
    expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    const [snapshot] = (await readFrames(res, 1)).frames;
    expect(snapshot?.event).toBe("snapshot");
    const lastEventId = snapshot!.id;
    await post(key, `/v1/workflows/${id}/reviews/one/review`, { action: "approve" });
    await waitForRun(key, id, (r) => r.progress.waitingReview === 1 && r.progress.done >= 3);
    const resumed = await api(
      `/v1/workflows/${id}/events`,
      authed(key, { headers: { "Last-Event-ID": String(lastEventId) } }),
    );
    const { frames } = await readFrames(resumed, 3);
    expect(frames[0]!.id).toBe(lastEventId + 1);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames.map((f) => f.id)).toEqual(frames.map((_, i) => lastEventId + 1 + i));
    expect(frames.every((f) => f.event === f.data.type && f.id === f.data.seq)).toBe(true);
  });
});
