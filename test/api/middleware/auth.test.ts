import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashApiKey } from "../../../workers/auth/api-keys";
import { api, authed, createTestKey, jsonBody } from "../../support/api";

type ErrorJson = { error: { code: string; message: string } };

describe("API key authentication", () => {
  it("rejects /v1 without a key with 401 JSON and a challenge", async () => {
    const res = await api("/v1/anything");
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect((await res.json<ErrorJson>()).error.code).toBe("unauthorized");
  });

  it("rejects a well-formed but unknown key", async () => {
    const res = await api("/v1/keys", authed(`tsu_${"A".repeat(43)}`));
    expect(res.status).toBe(401);
  });

  it("rejects garbage in the Authorization header", async () => {
    const res = await api("/v1/keys", { headers: { Authorization: "Basic dXNlcjpwYXNz" } });
    expect(res.status).toBe(401);
  });

  it("accepts a valid key and stores only its hash", async () => {
    const { key, id } = await createTestKey();
    const res = await api("/v1/keys", authed(key));
    expect(res.status).toBe(200);
    const row = await env.DB.prepare("SELECT key_hash FROM api_keys WHERE id = ?")
      .bind(id)
      .first<{ key_hash: string }>();
    expect(row?.key_hash).toBe(await hashApiKey(key));
    const dump = JSON.stringify(await env.DB.prepare("SELECT * FROM api_keys").all());
    expect(dump).not.toContain(key);
  });
});

describe("/v1/keys", () => {
  it("creates a key for the same tenant that works at once, shown only at creation", async () => {
    const owner = await createTestKey();
    const created = await api("/v1/keys", authed(owner.key, jsonBody({ name: "rotation" })));
    expect(created.status).toBe(201);
    const { key, id, prefix } = await created.json<{ key: string; id: string; prefix: string }>();
    expect(key.startsWith(prefix)).toBe(true);

    const listed = await api("/v1/keys", authed(key));
    const { keys } = await listed.json<{ keys: { id: string; name: string }[] }>();
    expect(keys.map((k) => k.id)).toEqual(expect.arrayContaining([id, owner.id]));
    expect(JSON.stringify(keys)).not.toContain(key);
  });

  it("never shows or revokes another tenant's keys", async () => {
    const alice = await createTestKey();
    const bob = await createTestKey();
    const list = await (await api("/v1/keys", authed(bob.key))).json<{ keys: { id: string }[] }>();
    expect(list.keys.map((k) => k.id)).toEqual([bob.id]);
    const revoke = await api(`/v1/keys/${alice.id}`, authed(bob.key, { method: "DELETE" }));
    expect(revoke.status).toBe(404);
    expect((await api("/v1/keys", authed(alice.key))).status).toBe(200);
  });

  it("revokes a key so it stops working, and audits it", async () => {
    const owner = await createTestKey();
    const spare = await createTestKey(owner.tenantId);
    const res = await api(`/v1/keys/${spare.id}`, authed(owner.key, { method: "DELETE" }));
    expect(res.status).toBe(200);
    expect((await api("/v1/keys", authed(spare.key))).status).toBe(401);
    const audit = await env.DB.prepare("SELECT action, target FROM audit_log WHERE tenant_id = ?")
      .bind(owner.tenantId)
      .all<{ action: string; target: string }>();
    expect(audit.results).toContainEqual({ action: "api_key.revoke", target: spare.id });
  });
});
