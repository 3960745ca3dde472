/**
 * Teams in use: an owner invites a reviewer and a viewer by link. The reviewer answers a review
 * gate but is refused cancelling and making keys; the viewer watches a run live and cannot act,
 * over HTTP or the socket. Audit rows name who acted. Ending a session closes its open socket.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, jsonBody } from "../support/api";
import { invite, signUpOwner, withCookie, type Person } from "../support/accounts";
import { connectSocket } from "../support/live";
import { createdWorkflowSchema, workflowDetailSchema } from "../../workers/protocol/workflows";

async function startPhases(owner: Person): Promise<string> {
  const res = await api(
    "/v1/workflows",
    withCookie(
      owner.cookie,
      jsonBody({ pipeline: "phases", input: { text: "t", phases: ["one", "two", "three"] } }),
    ),
  );
  expect(res.status).toBe(202);
  return createdWorkflowSchema.parse(await res.json()).id;
}

async function runOf(person: Person, id: string) {
  const res = await api(`/v1/workflows/${id}`, withCookie(person.cookie));
  expect(res.status).toBe(200);
  return workflowDetailSchema.parse(await res.json());
}

async function waitFor(person: Person, id: string, ok: (r: Awaited<ReturnType<typeof runOf>>) => boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const run = await runOf(person, id);
    if (ok(run)) return run;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(run.progress)} ${run.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function ticketFor(person: Person, id: string): Promise<string> {
  const res = await api(`/v1/workflows/${id}/tickets`, withCookie(person.cookie, { method: "POST" }));
  expect(res.status).toBe(201);
  return (await res.json<{ ticket: string }>()).ticket;
}

describe("a team with roles", () => {
  it("a reviewer approves a gate but is refused cancel and key creation, with a reason", async () => {
    const owner = await signUpOwner("Olga Owner");
    const reviewer = await invite(owner, "reviewer", "Rita Reviewer");
    const id = await startPhases(owner);
    await waitFor(owner, id, (r) => r.progress.waitingReview === 1);

    const approve = await api(
      `/v1/workflows/${id}/reviews/one/review`,
      withCookie(reviewer.cookie, jsonBody({ action: "approve" })),
    );
    expect(approve.status).toBe(200);
    await waitFor(owner, id, (r) => r.progress.done >= 3);

    const cancel = await api(`/v1/workflows/${id}/cancel`, withCookie(reviewer.cookie, { method: "POST" }));
    expect(cancel.status).toBe(403);
    expect(await cancel.json()).toMatchObject({
      error: {
        code: "forbidden",
        message: "Your role (reviewer) may not runs.control: it needs editor or above",
      },
    });
    const key = await api("/v1/keys", withCookie(reviewer.cookie, jsonBody({ name: "mine" })));
    expect(key.status).toBe(403);
    expect(await key.json()).toMatchObject({ error: { code: "forbidden", details: { required: "editor" } } });
    expect((await runOf(owner, id)).status).toBe("running");

    const rows = await env.DB.prepare(
      "SELECT action, actor_name AS actor FROM audit_log WHERE target = ? OR target LIKE ? ORDER BY created_at",
    )
      .bind(id, `${id}/%`)
      .all<{ action: string; actor: string }>();
    expect(rows.results).toEqual([
      { action: "workflow.create", actor: "Olga Owner" },
      { action: "workflow.review.approve", actor: "Rita Reviewer" },
    ]);
  });

  it("a viewer watches a run live but neither its socket nor HTTP may act", async () => {
    const owner = await signUpOwner("Vera Owner");
    const viewer = await invite(owner, "viewer", "Victor Viewer");
    const id = await startPhases(owner);
    await waitFor(owner, id, (r) => r.progress.waitingReview === 1);

    const socket = await connectSocket(id, { ticket: await ticketFor(viewer, id) });
    await socket.until((m) => m.some((x) => x.type === "snapshot"));
    socket.send({ type: "pause" });
    socket.send({ type: "review", gate: "one/review", review: { action: "approve" } });
    await socket.until(
      (m) => m.filter((x) => x.type === "error" && x.error.code === "forbidden").length === 2,
    );
    expect(socket.closed).toBeNull();
    const run = await runOf(owner, id);
    expect(run.status).toBe("running");
    expect(run.progress.waitingReview).toBe(1);
    const http = await api(`/v1/workflows/${id}/pause`, withCookie(viewer.cookie, { method: "POST" }));
    expect(http.status).toBe(403);

    // The owner's approval reaches the viewer's socket: they watch live.
    const before = socket.inbox.length;
    const approve = await api(
      `/v1/workflows/${id}/reviews/one/review`,
      withCookie(owner.cookie, jsonBody({ action: "approve" })),
    );
    expect(approve.status).toBe(200);
    await socket.until(
      (m) => m.length > before && m.slice(before).some((x) => x.type === "review" || x.type === "node"),
    );
    socket.ws.close();
  });

  it("signing out everywhere closes the sockets the person's sessions opened", async () => {
    const owner = await signUpOwner("Sam Owner");
    const id = await startPhases(owner);
    await waitFor(owner, id, (r) => r.progress.waitingReview === 1);
    const socket = await connectSocket(id, { ticket: await ticketFor(owner, id) });
    await socket.until((m) => m.length >= 1);

    const out = await api("/v1/me/sessions/revoke", withCookie(owner.cookie, { method: "POST" }));
    expect(out.status).toBe(200);
    expect(await out.json()).toMatchObject({ revoked: 1, liveConnectionsClosed: 1 });
    const closed = await socket.untilClosed(2_000);
    expect(closed.code).toBe(4001);
    expect((await api("/v1/workflows", withCookie(owner.cookie))).status).toBe(401);
  });

  it("an invitation link works once and not after it expires", async () => {
    const owner = await signUpOwner();
    const made = await api("/v1/team/invitations", withCookie(owner.cookie, jsonBody({ role: "editor" })));
    const { token, url } = await made.json<{ token: string; url: string }>();
    expect(url).toMatch(/\/join\/inv_/);
    const first = await invite(owner, "viewer");
    void first;
    const stranger = await signUpOwner("Stranger");
    await env.DB.prepare("UPDATE team_invitations SET expires_at = ? WHERE team_id = ? AND role = 'editor'")
      .bind(Date.now() - 1, owner.teamId)
      .run();
    const late = await api("/v1/invitations/accept", withCookie(stranger.cookie, jsonBody({ token })));
    expect(late.status).toBe(404);
    expect(await late.json()).toMatchObject({ error: { code: "invitation_not_found" } });
  });

  it("a member's key never has a role above the member", async () => {
    const owner = await signUpOwner();
    const editor = await invite(owner, "editor", "Ed");
    const tooHigh = await api("/v1/keys", withCookie(editor.cookie, jsonBody({ name: "k", role: "admin" })));
    expect(tooHigh.status).toBe(403);
    const ok = await api("/v1/keys", withCookie(editor.cookie, jsonBody({ name: "k", scopes: ["gateway"] })));
    expect(ok.status).toBe(201);
    const { key } = await ok.json<{ key: string }>();
    const me = await api("/v1/me", { headers: { Authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({
      via: "key",
      role: "editor",
      scopes: ["gateway"],
      user: { name: "Ed" },
    });
    // Lowering the member lowers their keys.
    const team = await (
      await api("/v1/team", withCookie(owner.cookie))
    ).json<{ members: { id: string; name: string }[] }>();
    const edId = team.members.find((m) => m.name === "Ed")!.id;
    expect(
      (
        await api(
          `/v1/team/members/${edId}`,
          withCookie(owner.cookie, jsonBody({ role: "viewer" }, { method: "PATCH" })),
        )
      ).status,
    ).toBe(200);
    const after = await api("/v1/me", { headers: { Authorization: `Bearer ${key}` } });
    expect(await after.json()).toMatchObject({ role: "viewer" });
  });
});
