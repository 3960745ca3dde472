/**
 * A revoked key loses its live connections at once, and what a socket does is audited like the
 * same action over HTTP.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey } from "../support/api";
import { connectSocket, openEvents, readFrames } from "../support/live";
import { getRun, startRun, waitForRun } from "../support/workflows";

async function phasesRun(key: string) {
  const id = await startRun(key, {
    pipeline: "phases",
    input: { text: "t", phases: ["one", "two", "three"] },
  });
  await waitForRun(key, id, (r) => r.progress.waitingReview === 1);
  return id;
}

async function auditRows(tenantId: string) {
  const rows = await env.DB.prepare(
    "SELECT action, target, api_key_id AS apiKeyId, details FROM audit_log WHERE tenant_id = ? ORDER BY created_at",
  )
    .bind(tenantId)
    .all<{ action: string; target: string; apiKeyId: string; details: string | null }>();
  return rows.results;
}

describe("revoking a key", () => {
  it("closes its open WebSocket and SSE stream before DELETE answers; other keys keep theirs", async () => {
    const owner = await createTestKey();
    const doomed = await createTestKey(owner.tenantId);
    const id = await phasesRun(owner.key);
    const socket = await connectSocket(id, { key: doomed.key });
    await socket.until((m) => m.length >= 1);
    const survivor = await connectSocket(id, { key: owner.key });
    await survivor.until((m) => m.length >= 1);
    const events = await openEvents(id, { key: doomed.key });
    expect(events.status).toBe(200);

    const revoke = await api(`/v1/keys/${doomed.id}`, authed(owner.key, { method: "DELETE" }));
    expect(revoke.status).toBe(200);

    const closed = await socket.untilClosed(2_000);
    expect(closed.code).toBe(4001);
    expect(socket.inbox.some((m) => m.type === "error" && m.error.code === "key_revoked")).toBe(true);
    const stream = await readFrames(events, 100, 2_000);
    expect(stream.ended).toBe(true);
    expect(stream.frames.at(-1)?.data).toMatchObject({ type: "error", error: { code: "key_revoked" } });

    // The revoked socket can no longer act (it is closed); the run did not pause.
    expect(() => socket.send({ type: "pause" })).toThrow();
    expect((await getRun(owner.key, id)).status).toBe("running");
    // A socket of another key of the same tenant is untouched and still acts.
    expect(survivor.closed).toBeNull();
    survivor.send({ type: "pause" });
    await waitForRun(owner.key, id, (r) => r.status === "paused");
    survivor.ws.close();
  });

  it("a socket the revocation did not reach re-checks its key before every action", async () => {
    const owner = await createTestKey();
    const doomed = await createTestKey(owner.tenantId);
    const id = await phasesRun(owner.key);
    const socket = await connectSocket(id, { key: doomed.key });
    await socket.until((m) => m.length >= 1);
    // Revoked behind the API's back (as another region or an operator would): no notification.
    await env.DB.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?").bind(Date.now(), doomed.id).run();
    socket.send({ type: "pause" });
    const closed = await socket.untilClosed(2_000);
    expect(closed.code).toBe(4001);
    expect((await getRun(owner.key, id)).status).toBe("running");
  });
});

describe("socket actions are audited", () => {
  it("writes one audit row per review and control action with the key that acted", async () => {
    const { key, id: keyId, tenantId } = await createTestKey();
    const id = await phasesRun(key);
    const socket = await connectSocket(id, { key });
    await socket.until((m) => m.length >= 1);
    socket.send({ type: "review", gate: "one/review", review: { action: "approve" } });
    await waitForRun(key, id, (r) => r.progress.waitingReview === 1 && r.progress.done >= 3);
    socket.send({ type: "pause" });
    await waitForRun(key, id, (r) => r.status === "paused");
    socket.send({ type: "resume" });
    await waitForRun(key, id, (r) => r.status === "running");
    socket.send({ type: "cancel" });
    await waitForRun(key, id, (r) => r.status === "cancelled");
    // A refused action (the run is finished) is not audited, as over HTTP.
    socket.send({ type: "pause" });
    await socket.until((m) => m.some((x) => x.type === "error" && x.error.code === "run_finished"));

    const deadline = Date.now() + 3_000;
    let rows = await auditRows(tenantId);
    while (rows.length < 5 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      rows = await auditRows(tenantId);
    }
    const socketRows = rows.filter((r) => r.action !== "workflow.create");
    expect(socketRows.map((r) => [r.action, r.target, r.apiKeyId])).toEqual([
      ["workflow.review.approve", `${id}/one/review`, keyId],
      ["workflow.pause", id, keyId],
      ["workflow.resume", id, keyId],
      ["workflow.cancel", id, keyId],
    ]);
    expect(socketRows.every((r) => JSON.parse(r.details ?? "{}").via === "websocket")).toBe(true);
    socket.ws.close();
  });
});
