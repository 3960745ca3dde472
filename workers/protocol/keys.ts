/** /v1/keys: a tenant's API keys. The secret appears once, in the create answer. */
import { z } from "zod";
import { ROLES } from "./roles.ts";

/** Mirrors workers/auth/permissions.ts SCOPES (kept here so the web app need not import it). */
export const SCOPE_NAMES = ["gateway", "read", "runs"] as const;

export const createKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** The key's role: at most the creator's (the default). */
  role: z.enum(ROLES).optional(),
  /** Limit the key to some actions (workers/auth/permissions.ts SCOPES), e.g. ["gateway"]. */
  scopes: z.array(z.enum(SCOPE_NAMES)).min(1).optional(),
});

export const keyIdParamSchema = z.object({ id: z.uuid() });

export const createdKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  /** The secret: shown this once, only its hash is kept. */
  key: z.string(),
  createdAt: z.number(),
  role: z.enum(ROLES).optional(),
  scopes: z.array(z.string()).nullable().optional(),
});

export const keyViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.number(),
    lastUsedAt: z.number().nullable(),
    revokedAt: z.number().nullable(),
    role: z.enum(ROLES).optional(),
    scopes: z.array(z.string()).nullable().optional(),
  })
  .meta({ id: "ApiKey" });

export const keyListSchema = z.object({ keys: z.array(keyViewSchema) });
export type KeyList = z.infer<typeof keyListSchema>;

export const revokedKeySchema = z.object({ id: z.string(), revoked: z.literal(true) });
