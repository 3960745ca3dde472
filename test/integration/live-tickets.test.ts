/**
 * No credential in a URL: browsers open a run's live streams with a single-use ticket bought with
 * the key over an authenticated POST; `?access_token=` is gone everywhere.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LiveTickets, TICKET_TTL_MS } from "../../durable-objects/workflow-run/live-tickets";
import { api, authed, createTestKey } from "../support/api";
import { connectSocket, liveTicket, openEvents, readFrames } from "../support/live";
import { startRun, waitForRun } from "../support/workflows";

async function phasesRun(key: string) {
  const id = await startRun(key, { pipeline: "phases", input: { text: "t", phases: ["one", "two"] } });
  await waitForRun(key, id, (r) => r.progress.waitingReview === 1);
  return id;
}

describe("live tickets", () => {
  it("a ticket opens one WebSocket once, and it acts with the ticket's key", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const res = await api(`/v1/workflows/${id}/tickets`, authed(key, { method: "POST" }));
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await res.json<{ ticket: string; expiresAt: number }>();
    expect(body.ticket).not.toContain(key);
    expect(body.expiresAt - Date.now()).toBeGreaterThan(50_000);
    expect(body.expiresAt - Date.now()).toBeLessThanOrEqual(60_000);

    const socket = await connectSocket(id, { ticket: body.ticket });
    await socket.until((m) => m[0]?.type === "snapshot");
    socket.send({ type: "review", gate: "one/review", review: { action: "approve" } });
    await waitForRun(key, id, (r) => r.progress.done >= 2);
    // Spent: the same ticket opens nothing, on either stream.
    const again = await api(`/v1/workflows/${id}/ws?ticket=${body.ticket}`, {
      headers: { Upgrade: "websocket" },
    });
    expect(again.status).toBe(401);
    expect((await openEvents(id, { ticket: body.ticket })).status).toBe(401);
    socket.ws.close();
  });

  it("a ticket opens the SSE stream", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const res = await openEvents(id, { ticket: await liveTicket(key, id) });
    expect(res.status).toBe(200);
    const { frames } = await readFrames(res, 1);
    expect(frames[0]?.event).toBe("snapshot");
  });

  it("a ticket is bound to its run and tenant; garbage and unknown tickets are 401", async () => {
    const alice = await createTestKey();
    const bob = await createTestKey();
    const aliceRun = await phasesRun(alice.key);
    const bobRun = await phasesRun(bob.key);
    const ticket = await liveTicket(alice.key, aliceRun);
    expect((await openEvents(bobRun, { ticket })).status).toBe(401);
    expect((await openEvents(aliceRun, { ticket: "tkt_" + "A".repeat(43) })).status).toBe(401);
    expect((await openEvents(aliceRun, { ticket: "x" })).status).toBe(401);
    // Bob cannot buy a ticket for Alice's run.
    const foreign = await api(`/v1/workflows/${aliceRun}/tickets`, authed(bob.key, { method: "POST" }));
    expect(foreign.status).toBe(404);
    // The failed tries above did not spend Alice's ticket on Bob's run... but it is bound to hers.
    expect((await openEvents(aliceRun, { ticket })).status).toBe(200);
  });

  it("a ticket of a key revoked before it is used opens nothing", async () => {
    const owner = await createTestKey();
    const doomed = await createTestKey(owner.tenantId);
    const id = await phasesRun(owner.key);
    const ticket = await liveTicket(doomed.key, id);
    expect((await api(`/v1/keys/${doomed.id}`, authed(owner.key, { method: "DELETE" }))).status).toBe(200);
    expect((await openEvents(id, { ticket })).status).toBe(401);
  });

  it("refuses ?access_token= on the live routes and on any other path", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    for (const path of [
      `/v1/workflows/${id}/events?access_token=${key}`,
      `/v1/workflows/${id}/ws?access_token=${key}`,
      `/v1/anything/events?access_token=${key}`,
      `/v1/keys/ws?access_token=${key}`,
    ]) {
      const res = await api(path, path.includes("/ws") ? { headers: { Upgrade: "websocket" } } : {});
      expect(res.status, path).toBe(401);
      await res.body?.cancel();
    }
  });

  it("still accepts the Authorization header for server clients", async () => {
    const { key } = await createTestKey();
    const id = await phasesRun(key);
    const socket = await connectSocket(id, { key });
    await socket.until((m) => m[0]?.type === "snapshot");
    socket.ws.close();
  });
});

describe("ticket expiry", () => {
  it("a ticket is refused after its 60 s and a spent one cannot be spent again", async () => {
    const { key, id: keyId } = await createTestKey();
    const id = await startRun(key, { pipeline: "phases", input: { text: "t", phases: ["one"] } });
    const stub = env.WORKFLOW_RUN.getByName(id);
    await runInDurableObject(stub, async (_instance, state) => {
      const tickets = new LiveTickets(state.storage.sql);
      const now = Date.now();
      const late = await tickets.issue(keyId, now);
      expect(late.expiresAt).toBe(now + TICKET_TTL_MS);
      expect(await tickets.redeem(late.ticket, now + TICKET_TTL_MS)).toBeNull();
      const fresh = await tickets.issue(keyId, now);
      expect(await tickets.redeem(fresh.ticket, now + TICKET_TTL_MS - 1)).toBe(keyId);
      expect(await tickets.redeem(fresh.ticket, now + 1)).toBeNull();
      // Only the hash is stored.
      const rows = state.storage.sql.exec("SELECT * FROM live_tickets").toArray();
      expect(JSON.stringify(rows)).not.toContain(fresh.ticket);
    });
  });
});
