/**
 * npm run key:create -- [--name NAME] [--tenant TENANT_ID] [--remote]
 * Creates an API key (a new tenant unless --tenant is given) in the local D1 database, or the
 * deployed one with --remote, and prints it once.
 */
import { parseArgs } from "node:util";
import { createKey } from "./lib/keys.ts";

const { values } = parseArgs({
  options: {
    name: { type: "string", default: "cli" },
    tenant: { type: "string" },
    remote: { type: "boolean", default: false },
  },
});

try {
  const created = await createKey({
    name: values.name,
    ...(values.tenant ? { tenantId: values.tenant } : {}),
    where: values.remote ? "remote" : "local",
  });
  console.log(`API key (shown once, store it now): ${created.key}`);
  console.log(`id ${created.id}  tenant ${created.tenantId}  ${values.remote ? "remote" : "local"} database`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
