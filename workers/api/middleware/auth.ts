/**
 * Who is calling /v1: a Bearer API key (scripts, the CLI) or a browser session cookie (the web
 * app, signed in through /api/auth). A key is looked up by its SHA-256 (auth/api-keys.ts) through
 * a short per-isolate cache (auth/key-cache.ts); a missing, malformed, unknown or revoked key is
 * the same 401 so the answer reveals nothing about which keys exist. Keys are only ever read
 * from the header: never from a URL, where logs and traces would keep them (browsers open live
 * streams with a ticket instead: live-access.ts).
 *
 * Cookies are sent by the browser on their own, so a cookie request that changes anything must
 * come from a page of ours: its Origin must be this origin or a trusted one (CSRF). SameSite=Lax
 * already keeps the cookie off cross-site POSTs in current browsers; this holds without it.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { hashApiKey, looksLikeApiKey } from "../../auth/api-keys";
import { cachedKey, rememberKey } from "../../auth/key-cache";
import { lookUpKey } from "../../auth/key-lookup";
import { sessionCaller } from "../../auth/session-caller";
import { apiKeys } from "../../db/schema";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { isTicketRequest } from "../live-access";
import { log } from "../../observability/log";

/** `last_used_at` is refreshed at most this often, so auth does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function unauthorized(message: string): ApiError {
  return new ApiError(401, "unauthorized", message);
}

function trustedOrigin(env: Env, requestUrl: string, origin: string | undefined): boolean {
  if (!origin) return false;
  if (origin === new URL(requestUrl).origin) return true;
  return (env.AUTH_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .includes(origin);
}

export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  // A live stream opened with a ticket is authenticated by its route (live-access.ts). A key
  // is never taken from a URL.
  if (isTicketRequest(c.req)) return next();
  const header = c.req.header("Authorization");
  if (!header) {
    if (c.req.header("Cookie")) {
      const caller = await sessionCaller(c.env, c.get("db"), c.req.raw);
      if (caller) {
        if (!SAFE_METHODS.has(c.req.method) && !trustedOrigin(c.env, c.req.url, c.req.header("Origin")))
          throw new ApiError(
            403,
            "csrf",
            "Cookie-authenticated changes must come from this site (Origin header)",
          );
        c.set("auth", caller);
        return next();
      }
    }
    c.header("WWW-Authenticate", 'Bearer realm="tsumugi"');
    throw unauthorized("Missing API key or session: send `Authorization: Bearer <key>` or sign in");
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const key = match?.[1];
  if (!key || !looksLikeApiKey(key)) {
    c.header("WWW-Authenticate", 'Bearer realm="tsumugi", error="invalid_token"');
    throw unauthorized("Invalid API key");
  }
  const db = c.get("db");
  const now = Date.now();
  const keyHash = await hashApiKey(key);
  let known = cachedKey(keyHash, now);
  if (!known) {
    const identity = await lookUpKey(db, keyHash);
    if (!identity) {
      c.header("WWW-Authenticate", 'Bearer realm="tsumugi", error="invalid_token"');
      throw unauthorized("Invalid API key");
    }
    known = rememberKey(keyHash, { ...identity, lastUsedWrittenAt: 0 }, now);
  }
  c.set("auth", {
    apiKeyId: known.apiKeyId,
    tenantId: known.tenantId,
    role: known.role,
    scopes: known.scopes,
    userId: known.userId,
    actorName: known.actorName,
    via: "key",
  });

  if (now - known.lastUsedWrittenAt >= LAST_USED_RESOLUTION_MS) {
    known.lastUsedWrittenAt = now;
    const apiKeyId = known.apiKeyId;
    c.executionCtx.waitUntil(
      db
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(
          and(
            eq(apiKeys.id, apiKeyId),
            or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - LAST_USED_RESOLUTION_MS)),
          ),
        )
        .run()
        .catch((err: unknown) => {
          // Best effort: a failed timestamp update must not fail the request it belongs to.
          log.warn("last_used_at update failed", { requestId: c.get("requestId"), apiKeyId, error: err });
        }),
    );
  }
  await next();
});
