/**
 * /v1/keys — a tenant manages its own API keys: create another (e.g. to rotate), list them
 * (never the secret), revoke one. A new key belongs to the caller's tenant, so rotating keys
 * keeps access to every run. The secret is returned once, at creation, and only its hash is kept.
 * Revoking a key also closes its open WebSockets and SSE streams (revoke-live.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, isNull } from "drizzle-orm";
import { generateApiKey } from "../../auth/api-keys";
import { forgetKeyId } from "../../auth/key-cache";
import { atLeast, isRole } from "../../auth/roles";
import { memberIdOf } from "../../accounts/membership";
import { recordAudit } from "../../audit";
import { closeLiveConnectionsOfKey } from "../revoke-live";
import { apiKeys } from "../../db/schema";
import {
  createdKeySchema,
  createKeySchema,
  keyIdParamSchema,
  keyListSchema,
  revokedKeySchema,
} from "../../protocol/keys";
import { ApiError } from "../errors";
import { apiRouter, bearer, errors, json, jsonBody } from "../openapi";

const tags = ["Keys"];

export const keyRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Create an API key for the caller's tenant (the secret is shown once)",
      security: bearer,
      request: { body: jsonBody(createKeySchema) },
      responses: { 201: json(createdKeySchema, "The new key, with its secret"), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const { name, role: asked, scopes } = c.req.valid("json");
      const auth = c.get("auth");
      const db = c.get("db");
      // A key acts for the member who made it and never above them (auth/permissions.ts).
      const creatorRole = auth.role ?? "viewer";
      const role = asked ?? creatorRole;
      if (!atLeast(creatorRole, role))
        throw new ApiError(403, "forbidden", `A key's role may not be above yours (${creatorRole})`, {
          role: creatorRole,
          asked: role,
        });
      const memberId = await memberIdOf(db, auth.tenantId, auth.userId);
      const { key, prefix, keyHash } = await generateApiKey();
      const id = crypto.randomUUID();
      const row = await db
        .insert(apiKeys)
        .values({
          id,
          tenantId: auth.tenantId,
          name,
          prefix,
          keyHash,
          memberId,
          role,
          scopes: scopes ?? null,
        })
        .returning({ createdAt: apiKeys.createdAt })
        .get();
      await recordAudit(db, {
        tenantId: auth.tenantId,
        apiKeyId: auth.apiKeyId,
        action: "api_key.create",
        target: id,
        requestId: c.get("requestId"),
        details: { name, prefix, role, scopes: scopes ?? null },
      });
      return c.json({ id, name, prefix, key, createdAt: row.createdAt, role, scopes: scopes ?? null }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "List the tenant's API keys (never their secrets)",
      security: bearer,
      responses: { 200: json(keyListSchema, "The keys, newest first"), ...errors(401) },
    }),
    async (c) => {
      const rows = await c
        .get("db")
        .select({
          id: apiKeys.id,
          name: apiKeys.name,
          prefix: apiKeys.prefix,
          createdAt: apiKeys.createdAt,
          lastUsedAt: apiKeys.lastUsedAt,
          revokedAt: apiKeys.revokedAt,
          role: apiKeys.role,
          scopes: apiKeys.scopes,
        })
        .from(apiKeys)
        .where(eq(apiKeys.tenantId, c.get("auth").tenantId))
        .orderBy(desc(apiKeys.createdAt))
        .all();
      return c.json({ keys: rows.map((r) => ({ ...r, role: isRole(r.role) ? r.role : undefined })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      summary: "Revoke an API key",
      security: bearer,
      request: { params: keyIdParamSchema },
      responses: { 200: json(revokedKeySchema, "Revoked"), ...errors(400, 401, 404) },
    }),
    async (c) => {
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
        details: { liveConnectionsClosed: live.closed },
      });
      return c.json({ id, revoked: true as const }, 200);
    },
  );
