/** Creating an API key from the command line: the key is printed, only its hash is stored. */
import { generateApiKey } from "../../workers/auth/api-keys.ts";
import { d1Query, sqlString, type Target } from "./wrangler.ts";

export type CreatedKey = { id: string; tenantId: string; key: string; prefix: string };

export async function createKey(options: {
  name: string;
  tenantId?: string;
  where: Target;
}): Promise<CreatedKey> {
  if (!/^[\w .@-]{1,100}$/.test(options.name)) {
    throw new Error("Key name: 1-100 letters, digits, spaces or . _ @ -");
  }
  if (options.tenantId && !/^[\w-]{1,64}$/.test(options.tenantId)) {
    throw new Error("Tenant id: 1-64 letters, digits, _ or -");
  }
  const { key, prefix, keyHash } = await generateApiKey();
  const id = crypto.randomUUID();
  const tenantId = options.tenantId ?? crypto.randomUUID();
  // The key's tenant is a team (workers/db/accounts-schema.ts): people can be invited into it.
  await d1Query(
    `INSERT OR IGNORE INTO teams (id, name) VALUES (${sqlString(tenantId)}, ${sqlString(tenantId)}); INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash) VALUES (${[
      id,
      tenantId,
      options.name,
      prefix,
      keyHash,
    ]
      .map(sqlString)
      .join(", ")})`,
    options.where,
  );
  return { id, tenantId, key, prefix };
}
