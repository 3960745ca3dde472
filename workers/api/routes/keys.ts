/**
 * /v1/keys — a tenant manages its own API keys: create another (e.g. to rotate), list them
 * (never the secret), revoke one. A new key belongs to the caller's tenant, so rotating keys
 * keeps access to every run. The secret is returned once, at creation, and only its hash is kept.
 * Revoking a key also closes its open WebSockets and SSE streams (revoke-live.ts).
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { generateApiKey } from "../../auth/api-keys";
import { forgetKeyId } from "../../auth/key-cache";
import { recordAudit } from "../../audit";
import { closeLiveConnectionsOfKey } from "../revoke-live";
import { apiKeys } from "../../db/schema";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { validate } from "../validate";

const createKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
});

const keyIdSchema = z.object({ id: z.string().uuid() });

export const keyRoutes = new Hono<AppEnv>()
  .post("/", validate("json", createKeySchema), async (c) => {
    const { name } = c.req.valid("json");
    const auth = c.get("auth");
    const db = c.get("db");
    const { key, prefix, keyHash } = await generateApiKey();
    const id = crypto.randomUUID();
    const row = await db
      .insert(apiKeys)
      .values({ id, tenantId: auth.tenantId, name, prefix, keyHash })
      .returning({ createdAt: apiKeys.createdAt })
      .get();
    await recordAudit(db, {
      tenantId: auth.tenantId,
      apiKeyId: auth.apiKeyId,
      action: "api_key.create",
      target: id,
      requestId: c.get("requestId"),
      details: { name, prefix },
    });
    return c.json({ id, name, prefix, key, created_at: row.createdAt }, 201);
  })
  .get("/", async (c) => {
    const rows = await c
      .get("db")
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        created_at: apiKeys.createdAt,
        last_used_at: apiKeys.lastUsedAt,
        revoked_at: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.tenantId, c.get("auth").tenantId))
      .orderBy(desc(apiKeys.createdAt))
      .all();
    return c.json({ keys: rows });
  })
  .delete("/:id", validate("param", keyIdSchema), async (c) => {
    const { id } = c.req.valid("param");
    const auth = c.get("auth");
    const db = c.get("db");
    const revoked = await db
      .update(apiKeys)
      .set({ revokedAt: Date.now() })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, auth.tenantId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id })
      .get();
    // Another tenant's key and an unknown id look the same: 404.
    if (!revoked) throw new ApiError(404, "not_found", "No active API key with this id", { id });
    forgetKeyId(id);
    const live = await closeLiveConnectionsOfKey(c.env, db, auth.tenantId, id);
    await recordAudit(db, {
      tenantId: auth.tenantId,
      apiKeyId: auth.apiKeyId,
      action: "api_key.revoke",
      target: id,
      requestId: c.get("requestId"),
      details: { live_connections_closed: live.closed },
    });
    return c.json({ id, revoked: true });
  });
