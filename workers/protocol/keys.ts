/** /v1/keys: a tenant's API keys. The secret appears once, in the create answer. */
import { z } from "zod";

export const createKeySchema = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const keyIdParamSchema = z.object({ id: z.uuid() });

export const createdKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  /** The secret: shown this once, only its hash is kept. */
  key: z.string(),
  createdAt: z.number(),
});

export const keyViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.number(),
    lastUsedAt: z.number().nullable(),
    revokedAt: z.number().nullable(),
  })
  .meta({ id: "ApiKey" });

export const keyListSchema = z.object({ keys: z.array(keyViewSchema) });
export type KeyList = z.infer<typeof keyListSchema>;

export const revokedKeySchema = z.object({ id: z.string(), revoked: z.literal(true) });
