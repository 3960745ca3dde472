/**
 * npm run build:cli (and npm install's `prepare`): bundles cli/ with its dependencies into
 * cli/dist/tsumugi.mjs, one ES module for plain Node 20 — the machine's node, not the project's
 * Node 22 — so `npx tsumugi` and a global install work without TypeScript or the Worker's code.
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

await build({
  entryPoints: ["cli/main.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: "cli/dist/tsumugi.mjs",
  define: { CLI_VERSION: JSON.stringify(version) },
  // ws loads these native speed-ups only if present; the CLI does without.
  external: ["bufferutil", "utf-8-validate"],
  // CommonJS dependencies (ws, cli-progress) call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __cliRequire } from "node:module"; const require = __cliRequire(import.meta.url);',
  },
  legalComments: "none",
  logLevel: "warning",
});
