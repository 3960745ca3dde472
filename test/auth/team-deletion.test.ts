/**
 * GDPR erasure: an owner deletes the team and nothing of it is left, in D1 (every table with a
 * tenant id, members, invitations, keys) or in R2 (run files, uploads). A member deletes their
 * own account and exports their data first.
 */
import { env } from "cloudflare:workers";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { tenantTables } from "../../workers/accounts/delete-team";
import { api, jsonBody } from "../support/api";
import { invite, signUpOwner, withCookie } from "../support/accounts";

async function tenantRows(teamId: string): Promise<Record<string, number>> {
  // Every table of the database, so one the schema-driven deletion missed would show.
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%`tenant_id`%'",
  ).all<{ name: string }>();
  expect(tables.results.map((t) => t.name).sort()).toEqual(tenantTables().sort());
  const counts: Record<string, number> = {};
  for (const { name } of tables.results) {
    const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM "${name}" WHERE tenant_id = ?`)
      .bind(teamId)
      .first<{ n: number }>();
    counts[name] = row!.n;
  }
  for (const [table, column] of [
    ["teams", "id"],
    ["team_members", "team_id"],
    ["team_invitations", "team_id"],
  ] as const) {
    const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`)
      .bind(teamId)
      .first<{ n: number }>();
    counts[table] = row!.n;
  }
  return counts;
}

async function r2Count(prefix: string): Promise<number> {
  return (await env.BUCKET.list({ prefix })).objects.length;
}

describe("deleting a team", () => {
  it("removes its runs, R2 objects, uploads, keys and every row", async () => {
    const owner = await signUpOwner("Tess");
    await invite(owner, "editor", "Eli");
    const key = await (
      await api("/v1/keys", withCookie(owner.cookie, jsonBody({ name: "ci" })))
    ).json<{ key: string }>();
    const upload = await api("/v1/uploads?name=a.md", {
      method: "POST",
      headers: { Authorization: `Bearer ${key.key}`, "Content-Type": "text/markdown" },
      body: "# A\n\nText.",
    });
    expect(upload.status).toBe(201);
    const started = await api(
      "/v1/workflows",
      withCookie(owner.cookie, jsonBody({ pipeline: "phases", input: { text: "t", phases: ["one"] } })),
    );
    const { id } = await started.json<{ id: string }>();
    await env.BUCKET.put(`runs/${id}/nodes/x/v1.json`, "{}");
    expect(Object.values(await tenantRows(owner.teamId)).some((n) => n > 0)).toBe(true);
    expect(await r2Count(`uploads/${owner.teamId}/`)).toBe(1);

    const res = await api("/v1/team", withCookie(owner.cookie, { method: "DELETE" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ deleted: true, runs: 1, keys: 1 });

    const left = await tenantRows(owner.teamId);
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([]);
    expect(await r2Count(`runs/${id}/`)).toBe(0);
    expect(await r2Count(`uploads/${owner.teamId}/`)).toBe(0);
    expect((await api("/v1/workflows", { headers: { Authorization: `Bearer ${key.key}` } })).status).toBe(
      401,
    );
    // The people remain (their accounts are theirs), without a team.
    expect(await (await api("/v1/me", withCookie(owner.cookie))).json()).toMatchObject({
      team: null,
      role: null,
    });
  });

  it("a non-owner may not delete the team", async () => {
    const owner = await signUpOwner();
    const admin = await invite(owner, "admin");
    const res = await api("/v1/team", withCookie(admin.cookie, { method: "DELETE" }));
    expect(res.status).toBe(403);
  });
});

describe("a member's own data", () => {
  it("exports it as a zip of JSON, then deletes the account", async () => {
    const owner = await signUpOwner();
    const member = await invite(owner, "editor", "Mo");
    const exported = await api("/v1/me/export", withCookie(member.cookie));
    expect(exported.status).toBe(200);
    expect(exported.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await exported.arrayBuffer()));
    const data = JSON.parse(strFromU8(files["account.json"]!));
    expect(data.profile).toMatchObject({ name: "Mo", email: member.email });
    expect(data.memberships).toMatchObject([{ teamId: owner.teamId, role: "editor" }]);
    expect(JSON.stringify(data)).not.toContain("pbkdf2");

    const gone = await api("/v1/me", withCookie(member.cookie, { method: "DELETE" }));
    expect(gone.status).toBe(200);
    expect(
      await env.DB.prepare("SELECT COUNT(*) AS n FROM user WHERE id = ?").bind(member.userId).first("n"),
    ).toBe(0);
    expect(
      await env.DB.prepare("SELECT COUNT(*) AS n FROM team_members WHERE user_id = ?")
        .bind(member.userId)
        .first("n"),
    ).toBe(0);
    expect((await api("/v1/me", withCookie(member.cookie))).status).toBe(401);
  });

  it("the only owner of a team with others must hand it on first", async () => {
    const owner = await signUpOwner();
    await invite(owner, "viewer");
    const res = await api("/v1/me", withCookie(owner.cookie, { method: "DELETE" }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "sole_owner" } });
  });
});
