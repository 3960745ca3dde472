/**
 * Browser sessions: sign-up and sign-in through Better Auth, the cookie's attributes, and the
 * cookie refused when forged, expired, signed out or sent cross-site.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, BASE, jsonBody } from "../support/api";
import { cookieOf, signUp, signUpOwner, withCookie } from "../support/accounts";

describe("accounts and sessions", () => {
  it("signs up, keeps only a PBKDF2 hash, and sets an HttpOnly, Secure, SameSite cookie", async () => {
    const res = await api(
      "/api/auth/sign-up/email",
      jsonBody(
        { name: "Grace", email: "grace@example.test", password: "correct horse battery" },
        { headers: { Origin: BASE } },
      ),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token"))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=604800/);
    const row = await env.DB.prepare(
      "SELECT password FROM account WHERE provider_id = 'credential' AND user_id = (SELECT id FROM user WHERE email = ?)",
    )
      .bind("grace@example.test")
      .first<{ password: string }>();
    expect(row!.password).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(row!.password).not.toContain("correct horse");
  });

  it("signs in with the password; a wrong password is refused", async () => {
    const person = await signUp("Hedy", "hedy@example.test");
    expect(person.cookie).toContain("session_token");
    const wrong = await api(
      "/api/auth/sign-in/email",
      jsonBody({ email: "hedy@example.test", password: "not the password" }, { headers: { Origin: BASE } }),
    );
    expect(wrong.status).toBe(401);
    const right = await api(
      "/api/auth/sign-in/email",
      jsonBody(
        { email: "hedy@example.test", password: "correct horse battery" },
        { headers: { Origin: BASE } },
      ),
    );
    expect(right.status).toBe(200);
    const me = await api("/v1/me", withCookie(cookieOf(right)));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { name: "Hedy" }, via: "session", team: null, role: null });
  });

  it("a person without a team creates one and becomes its owner", async () => {
    const owner = await signUpOwner("Katherine");
    const me = await api("/v1/me", withCookie(owner.cookie));
    expect(await me.json()).toMatchObject({
      team: { id: owner.teamId, name: "Katherine's team" },
      role: "owner",
    });
    const runs = await api("/v1/workflows", withCookie(owner.cookie));
    expect(runs.status).toBe(200);
  });

  it("refuses a forged cookie, an expired session and a signed-out one", async () => {
    const owner = await signUpOwner();
    const forged = owner.cookie.replace(/session_token=[^;]+/, "session_token=forged.value");
    expect((await api("/v1/workflows", withCookie(forged))).status).toBe(401);

    await env.DB.prepare("UPDATE session SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1000, owner.userId)
      .run();
    expect((await api("/v1/workflows", withCookie(owner.cookie))).status).toBe(401);
  });

  it("sign-out ends the session: the same cookie, replayed, is refused", async () => {
    const owner = await signUpOwner();
    expect((await api("/v1/workflows", withCookie(owner.cookie))).status).toBe(200);
    const out = await api("/api/auth/sign-out", withCookie(owner.cookie, { method: "POST" }));
    expect(out.status).toBe(200);
    expect((await api("/v1/workflows", withCookie(owner.cookie))).status).toBe(401);
  });

  it("refuses a cookie-authenticated change from another origin (CSRF) but not a read", async () => {
    const owner = await signUpOwner();
    const headers = { Cookie: owner.cookie, Origin: "https://evil.example" };
    const post = await api("/v1/keys", jsonBody({ name: "x" }, { headers }));
    expect(post.status).toBe(403);
    expect(await post.json()).toMatchObject({ error: { code: "csrf" } });
    const noOrigin = await api("/v1/keys", jsonBody({ name: "x" }, { headers: { Cookie: owner.cookie } }));
    expect(noOrigin.status).toBe(403);
    expect((await api("/v1/keys", { headers })).status).toBe(200);
  });
});
