/**
 * Presence on a run's live channel: a `presence` message counts the open connections (coalesced
 * on join and leave) and lists who acted; every action is logged as an `acted` message naming
 * the key that did it, so a watcher that reconnects still sees who did what.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { serverMessageSchema, type ServerMessage } from "../../../workers/protocol/live";
import { api, authed, createTestKey } from "../../support/api";
import { post, startRun, waitForRun } from "../../support/workflows";

async function connect(key: string, id: string, since?: number) {
  const query = since === undefined ? "" : `?since=${since}`;
  const res = await api(`/v1/workflows/${id}/ws${query}`, authed(key, { headers: { Upgrade: "websocket" } }));
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const inbox: ServerMessage[] = [];
  ws.addEventListener("message", (event) => {
    inbox.push(serverMessageSchema.parse(JSON.parse(String(event.data))));
  });
  async function until<T extends ServerMessage>(find: (m: ServerMessage) => m is T, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = inbox.findLast(find);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`timed out; got ${JSON.stringify(inbox.map((m) => m.type))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { ws, inbox, until };
}

type Presence = Extract<ServerMessage, { type: "presence" }>;
const watching =
  (n: number) =>
  (m: ServerMessage): m is Presence =>
    m.type === "presence" && m.presence.watchers === n;

describe("presence", () => {
  it("counts watchers as they come and go, and names who acted", async () => {
    const alice = await createTestKey();
    const bob = await createTestKey(alice.tenantId);
    await env.DB.prepare("UPDATE api_keys SET name = ? WHERE id = ?").bind("Bob", bob.id).run();
    const id = await startRun(alice.key, {
      pipeline: "phases",
      input: { text: "t", phases: ["one", "two"] },
    });
    await waitForRun(alice.key, id, (r) => r.progress.waitingReview === 1);
    const a = await connect(alice.key, id);
    await a.until(watching(1));
    const b = await connect(bob.key, id);
    await a.until(watching(2));
    await b.until(watching(2));
    b.ws.send(JSON.stringify({ type: "review", gate: "one/review", review: { action: "approve" } }));
    const acted = await a.until(
      (m): m is Extract<ServerMessage, { type: "acted" }> => m.type === "acted" && m.action === "approve",
    );
    expect(acted.actor).toEqual({ id: bob.id, name: "Bob" });
    expect(acted.gate).toBe("one/review");
    const after = await a.until(
      (m): m is Presence => m.type === "presence" && m.presence.recent.length === 1,
    );
    expect(after.presence.recent[0]).toMatchObject({ actor: { name: "Bob" }, action: "approve" });
    // An action over HTTP is named too.
    expect((await post(alice.key, `/v1/workflows/${id}/pause`)).status).toBe(200);
    const paused = await b.until(
      (m): m is Extract<ServerMessage, { type: "acted" }> => m.type === "acted" && m.action === "pause",
    );
    expect(paused.actor).toEqual({ id: alice.id, name: "test" });
    b.ws.close();
    await a.until(watching(1));
    // A late watcher replays who acted from the log.
    const late = await connect(alice.key, id, 0);
    const joined = await late.until(watching(2));
    expect(joined.presence.recent.map((r) => `${r.actor.name}:${r.action}`)).toEqual([
      "test:pause",
      "Bob:approve",
    ]);
    expect(late.inbox.filter((m) => m.type === "acted")).toHaveLength(2);
    a.ws.close();
    late.ws.close();
  });
});
