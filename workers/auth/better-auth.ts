/**
 * The browser's sign-in (Better Auth on D1 through drizzle), mounted at /api/auth/*.
 *
 * Sessions live in D1 and are checked on every request (no signed cookie cache): signing out,
 * "sign out everywhere" and deleting a member take effect at once, including for open sockets
 * (accounts/revoke-sessions.ts). Lifetimes follow seed 003: a session is renewed while in use
 * (at most once an hour, `updateAge`) and ends 7 days after its last renewal (`expiresIn`).
 * Cookies are HttpOnly, Secure and SameSite=Lax; Better Auth refuses state-changing requests
 * whose Origin is not trusted (CSRF), and /v1 does the same for cookie requests
 * (api/middleware/auth.ts).
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { passkey as passkeyPlugin } from "@better-auth/passkey";
import { magicLink } from "better-auth/plugins/magic-link";
import { twoFactor as twoFactorPlugin } from "better-auth/plugins/two-factor";
import { account, passkey, session, twoFactor, user, verification } from "../db/accounts-schema";
import type { Db } from "../db/client";
import { sendMagicLinkMail, type MailEnv } from "./magic-link-mail";
import { hashPassword, verifyPassword } from "./password-hash";

export const SESSION_TTL_S = 7 * 24 * 60 * 60;
export const SESSION_RENEW_S = 60 * 60;
export const AUTH_BASE_PATH = "/api/auth";

export type AuthEnv = { AUTH_SECRET?: string; AUTH_TRUSTED_ORIGINS?: string } & MailEnv;

/** One instance per request: its base URL is the origin the request came to. */
export function createAuth(env: AuthEnv, db: Db, requestUrl: string) {
  const origin = new URL(requestUrl).origin;
  const extraOrigins = (env.AUTH_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return betterAuth({
    baseURL: origin,
    basePath: AUTH_BASE_PATH,
    secret: env.AUTH_SECRET,
    trustedOrigins: [origin, ...extraOrigins],
    database: drizzleAdapter(db, {
      provider: "sqlite",
      schema: { user, session, account, verification, passkey, twoFactor },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    plugins: [
      // WebAuthn: the relying party is the host the page was served from (localhost under
      // wrangler dev, the Worker's domain in production), and only our own origins may answer
      // its challenges. Browsers refuse an IP address as the relying party: open the app on
      // http://localhost:8787, not 127.0.0.1, to add or use a passkey locally.
      passkeyPlugin({
        rpID: new URL(origin).hostname,
        rpName: "Tsumugi",
        origin: [origin, ...extraOrigins],
      }),
      // A link by mail for an existing account (5 minutes, one use; only a hash is stored).
      // Not a way to sign up: a new account also needs a team (web/src/auth/session.ts).
      magicLink({
        disableSignUp: true,
        storeToken: "hashed",
        sendMagicLink: async ({ email, url }, ctx) => {
          // A link proves only the mailbox: someone who turned on a second factor signs in with
          // the password and a code (or a passkey), so no link is sent to them.
          const found = await ctx?.context.internalAdapter.findUserByEmail(email);
          if ((found?.user as { twoFactorEnabled?: boolean } | undefined)?.twoFactorEnabled) return;
          await sendMagicLinkMail(env, email, url);
        },
      }),
      // Optional TOTP second factor for password sign-in: turned on from Settings with the
      // password, confirmed by a first code; then /sign-in/email answers `twoFactorRedirect`
      // and the session starts only after POST /two-factor/verify-totp.
      twoFactorPlugin({ issuer: "Tsumugi" }),
    ],
    session: { expiresIn: SESSION_TTL_S, updateAge: SESSION_RENEW_S },
    // Tsumugi's own rate limits cover /api/auth (api/middleware/rate-limits.ts); Better Auth's
    // in-memory one would count per isolate only.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      // UUIDs, like API key ids: a live connection is tagged by the id of either (see
      // durable-objects/workflow-run/connection-auth.ts).
      database: { generateId: "uuid" },
      defaultCookieAttributes: { httpOnly: true, secure: true, sameSite: "lax" },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
