/**
 * npm start: build the web app (when its sources changed), apply D1 migrations to the local
 * database, make sure a local development API key exists (printing it the one time it is
 * created) and, until someone has an account, a link that creates the first one (owner of the
 * key's team), then run `wrangler dev` — the main Worker and the media Worker it renders with
 * (wrangler.media.toml), in one process — and say where the app is once it answers.
 * Local state lives in .wrangler/state (`--persist-to DIR` for another folder, as wrangler's own
 * flag); delete that folder to start over.
 *
 * Output is kept to a few lines: wrangler runs at `--log-level warn` (the Worker's warnings and
 * errors still show; `npm start -- --log-level log` brings back request and console.log lines),
 * and migrations are listed only when some were applied.
 */
import { spawn } from "node:child_process";
import { buildWebIfChanged } from "./build-web.ts";
import { firstAccountLink } from "./lib/first-account.ts";
import { createKey } from "./lib/keys.ts";
import {
  applyLocalMigrations,
  d1Query,
  quietWranglerEnv,
  WORKER_CONFIGS,
  type Target,
} from "./lib/wrangler.ts";

const DEV_KEY_NAME = "local-dev";
const port = process.env.PORT ?? "8787";
const url = `http://localhost:${port}`;
const extra = process.argv.slice(2);
const persistAt = extra.indexOf("--persist-to");
const persistTo = persistAt >= 0 ? extra[persistAt + 1] : undefined;
const where: Target = persistTo ? { persistTo } : "local";

async function ensureDevKey(): Promise<void> {
  const existing = await d1Query<{ prefix: string }>(
    `SELECT prefix FROM api_keys WHERE name = '${DEV_KEY_NAME}' AND revoked_at IS NULL LIMIT 1`,
    where,
  );
  if (existing[0]) {
    console.log(`API key: ${existing[0].prefix}… (shown when it was created; lost it? npm run key:create)`);
    return;
  }
  const created = await createKey({ name: DEV_KEY_NAME, where });
  console.log(`API key (shown once, keep it): ${created.key}`);
  console.log(`  export KEY=${created.key}   # the README's examples use $KEY`);
}

async function waitUntilHealthy(child: { exitCode: number | null }): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      await fetch(`${url}/health`);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return false;
}

await buildWebIfChanged();
const applied = await applyLocalMigrations(persistTo);
if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
await ensureDevKey();
const accountLink = await firstAccountLink(url, DEV_KEY_NAME, where);
if (accountLink)
  console.log(`First account (browser): open ${accountLink} to create it, as owner of the local team`);

const logLevel = extra.some((arg) => arg.startsWith("--log-level")) ? [] : ["--log-level", "warn"];
const dev = spawn("wrangler", ["dev", ...WORKER_CONFIGS, "--port", port, ...logLevel, ...extra], {
  stdio: "inherit",
  env: quietWranglerEnv(),
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("close", (code) => process.exit(code ?? 0));
if (await waitUntilHealthy(dev)) {
  console.log(`Tsumugi is running: ${url} (the app; the API under ${url}/v1). Ctrl-C stops it.`);
}
