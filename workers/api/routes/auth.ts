/**
 * /api/auth/* — Better Auth's own routes (sign-up, sign-in, sign-out, sessions, passkeys),
 * handed to it as they are (auth/better-auth.ts). They are Better Auth's API, not ours: the
 * OpenAPI description leaves them out and README "Sign-in" names the ones the web app uses.
 * Signing out also closes the live connections that session opened on running workflows.
 */
import { Hono } from "hono";
import { closeLiveOfCredentials } from "../../accounts/revoke-sessions";
import type { AppEnv } from "../app-env";

export const authRoutes = new Hono<AppEnv>().on(["GET", "POST"], "/*", async (c) => {
  // Loaded when first needed, like in auth/session-caller.ts.
  const { createAuth } = await import("../../auth/better-auth");
  const auth = createAuth(c.env, c.get("db"), c.req.url);
  if (c.req.method === "POST" && c.req.path === "/api/auth/sign-out") {
    const current = await auth.api.getSession({ headers: c.req.raw.headers });
    const res = await auth.handler(c.req.raw);
    if (current && res.ok)
      await closeLiveOfCredentials(c.env, c.get("db"), current.user.id, [current.session.id]);
    return res;
  }
  return auth.handler(c.req.raw);
});
