/**
 * npm start: build the web app, apply D1 migrations to the local database, make sure a local
 * development API key exists (printing it the one time it is created), then run `wrangler dev`.
 * Local state lives in .wrangler/state; delete that folder to start over.
 */
import { spawn } from "node:child_process";
import { buildWeb } from "./build-web.ts";
import { createKey } from "./lib/keys.ts";
import { d1Query, mustRunWrangler } from "./lib/wrangler.ts";

const DEV_KEY_NAME = "local-dev";

async function ensureDevKey(): Promise<void> {
  const existing = await d1Query<{ prefix: string }>(
    `SELECT prefix FROM api_keys WHERE name = '${DEV_KEY_NAME}' AND revoked_at IS NULL LIMIT 1`,
    "local",
  );
  if (existing[0]) {
    console.log(`Local API key ${existing[0].prefix}… exists (printed when it was created).`);
    console.log("Lost it? `npm run key:create` makes another.\n");
    return;
  }
  const created = await createKey({ name: DEV_KEY_NAME, where: "local" });
  const line = `  Local development API key: ${created.key}  `;
  const rule = "=".repeat(line.length);
  console.log(`\n${rule}\n${line}\n  Shown once. Use it as: Authorization: Bearer <key>\n${rule}\n`);
}

await buildWeb();
await mustRunWrangler(["d1", "migrations", "apply", "DB", "--local"]);
await ensureDevKey();

const port = process.env.PORT ?? "8787";
const dev = spawn("wrangler", ["dev", "--port", port, ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("close", (code) => process.exit(code ?? 0));
