/**
 * A person in two teams: the session acts for the team they joined first until they switch; after
 * POST /v1/me/team it lists, starts and reads that team's runs only, with that team's role, and a
 * team they are not in is refused without saying whether it exists. Keys cannot switch.
 */
import { describe, expect, it } from "vitest";
import { api, jsonBody } from "../support/api";
import { signUpOwner, withCookie, type Person } from "../support/accounts";
import { createdWorkflowSchema } from "../../workers/protocol/workflows";
import { meSchema } from "../../workers/protocol/accounts";

async function me(person: Person) {
  const res = await api("/v1/me", withCookie(person.cookie));
  expect(res.status).toBe(200);
  return meSchema.parse(await res.json());
}

async function runIds(person: Person): Promise<string[]> {
  const res = await api("/v1/workflows", withCookie(person.cookie));
  expect(res.status).toBe(200);
  return (await res.json<{ workflows: { id: string }[] }>()).workflows.map((w) => w.id);
}

async function startRun(person: Person): Promise<string> {
  const res = await api(
    "/v1/workflows",
    withCookie(person.cookie, jsonBody({ pipeline: "phases", input: { text: "t", phases: ["one"] } })),
  );
  expect(res.status).toBe(202);
  return createdWorkflowSchema.parse(await res.json()).id;
}

describe("switching teams", () => {
  it("a person in two teams sees and acts in the one they switched to, with its role", async () => {
    const ada = await signUpOwner("Ada");
    const bob = await signUpOwner("Bob");
    const adaRun = await startRun(ada);
    const bobRun = await startRun(bob);
    // Bob invites Ada into his team as a viewer.
    const made = await api("/v1/team/invitations", withCookie(bob.cookie, jsonBody({ role: "viewer" })));
    expect(made.status).toBe(201);
    const { token } = await made.json<{ token: string }>();
    expect((await api("/v1/invitations/accept", withCookie(ada.cookie, jsonBody({ token })))).status).toBe(
      200,
    );

    const before = await me(ada);
    expect(before.team?.id).toBe(ada.teamId);
    expect(before.role).toBe("owner");
    expect(before.teams.map((t) => [t.id, t.role])).toEqual([
      [ada.teamId, "owner"],
      [bob.teamId, "viewer"],
    ]);
    expect(await runIds(ada)).toEqual([adaRun]);

    const switched = await api("/v1/me/team", withCookie(ada.cookie, jsonBody({ teamId: bob.teamId })));
    expect(switched.status).toBe(200);
    expect(await switched.json()).toEqual({ team: { id: bob.teamId, name: "Bob's team" }, role: "viewer" });
    const after = await me(ada);
    expect(after.team?.id).toBe(bob.teamId);
    expect(after.role).toBe("viewer");
    expect(await runIds(ada)).toEqual([bobRun]);
    expect((await api(`/v1/workflows/${adaRun}`, withCookie(ada.cookie))).status).toBe(404);
    // A viewer there: starting a run is refused with the reason.
    const refused = await api(
      "/v1/workflows",
      withCookie(ada.cookie, jsonBody({ pipeline: "phases", input: { text: "t", phases: ["one"] } })),
    );
    expect(refused.status).toBe(403);

    // Back to her own team: owner again.
    expect((await api("/v1/me/team", withCookie(ada.cookie, jsonBody({ teamId: ada.teamId })))).status).toBe(
      200,
    );
    expect((await me(ada)).role).toBe("owner");
    expect(await runIds(ada)).toEqual([adaRun]);
  });

  it("refuses a team the person is not in, and keys, with a clear error", async () => {
    const ada = await signUpOwner("Ada");
    const eve = await signUpOwner("Eve");
    const other = await api("/v1/me/team", withCookie(eve.cookie, jsonBody({ teamId: ada.teamId })));
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: "not_found" } });
    const unknown = await api("/v1/me/team", withCookie(eve.cookie, jsonBody({ teamId: "no-such-team" })));
    expect(unknown.status).toBe(404);
    expect((await me(eve)).team?.id).toBe(eve.teamId);

    const made = await api("/v1/keys", withCookie(ada.cookie, jsonBody({ name: "script" })));
    expect(made.status).toBe(201);
    const { key } = await made.json<{ key: string }>();
    const viaKey = await api(
      "/v1/me/team",
      jsonBody({ teamId: ada.teamId }, { headers: { Authorization: `Bearer ${key}` } }),
    );
    expect(viaKey.status).toBe(400);
    expect(await viaKey.json()).toMatchObject({ error: { code: "not_a_session" } });
  });
});
