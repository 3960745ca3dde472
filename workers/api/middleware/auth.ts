/**
 * Bearer API key authentication for /v1. A key is looked up by its SHA-256 (see
 * auth/api-keys.ts), through a short per-isolate cache (auth/key-cache.ts); a missing,
 * malformed, unknown or revoked key is the same 401 so the answer reveals nothing about which
 * keys exist. Keys are only ever read from the header: never from a URL, where logs and traces
 * would keep them (browsers open live streams with a ticket instead: live-access.ts).
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { hashApiKey, looksLikeApiKey } from "../../auth/api-keys";
import { cachedKey, rememberKey } from "../../auth/key-cache";
import { apiKeys } from "../../db/schema";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { isTicketRequest } from "../live-access";
import { log } from "../../observability/log";

/** `last_used_at` is refreshed at most this often, so auth does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

function unauthorized(message: string): ApiError {
  return new ApiError(401, "unauthorized", message);
}

export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  // A live stream opened with a ticket is authenticated by its route (live-access.ts). A key
  // is never taken from a URL.
  if (isTicketRequest(c.req)) return next();
  const header = c.req.header("Authorization");
  if (!header) {
    c.header("WWW-Authenticate", 'Bearer realm="tsumugi"');
    throw unauthorized("Missing API key: send `Authorization: Bearer <key>`");
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
    const row = await db
      .select({ id: apiKeys.id, tenantId: apiKeys.tenantId })
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
      .get();
    if (!row) {
      c.header("WWW-Authenticate", 'Bearer realm="tsumugi", error="invalid_token"');
      throw unauthorized("Invalid API key");
    }
    known = rememberKey(keyHash, { apiKeyId: row.id, tenantId: row.tenantId, lastUsedWrittenAt: 0 }, now);
  }
  c.set("auth", { apiKeyId: known.apiKeyId, tenantId: known.tenantId });

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
