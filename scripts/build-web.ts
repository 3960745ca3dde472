/**
 * Builds the React app (web/, Vite: web/vite.config.ts) into web/dist, the static assets the
 * Worker serves (wrangler.toml [assets]), and
 * copies the API reference renderer (Scalar's standalone bundle) to /docs/scalar.js so /docs
 * works offline and under a CSP that allows only our own origin.
 * `--if-changed` (npm start, npm test, the demo) skips the build when web/dist already holds a
 * build of the same sources: rewriting web/dist makes a running `wrangler dev` reload its assets
 * and drop every open socket, so scripts that only need *a* build must not touch it.
 */
import { build } from "vite";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

// The lock file too: the /docs renderer is copied from node_modules.
const SOURCES = [
  "web/src",
  "web/public",
  "web/index.html",
  "web/vite.config.ts",
  "workers/protocol",
  "scripts/build-web.ts",
  "package-lock.json",
];
// Beside web/dist, not in it: everything in web/dist is served.
const STAMP = "web/.dist-source-hash";

/** SHA-256 over the paths and bytes of every source file: the build's identity. */
function sourceHash(): string {
  const hash = createHash("sha256");
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
      return;
    }
    hash.update(`${path}\0`).update(readFileSync(path));
  };
  for (const source of SOURCES) walk(source);
  return hash.digest("hex");
}

export async function buildWeb(): Promise<void> {
  await rm(STAMP, { force: true });
  await rm("web/dist", { recursive: true, force: true });
  // Vite copies web/public (the _headers file, fonts) as is and writes hashed bundles to assets/.
  await build({ configFile: "web/vite.config.ts", logLevel: "warn" });
  await mkdir("web/dist/docs", { recursive: true });
  await cp("node_modules/@scalar/api-reference/dist/browser/standalone.js", "web/dist/docs/scalar.js");
  await writeFile(STAMP, sourceHash());
}

/** Builds only when web/dist is missing or was built from other sources; true when it built. */
export async function buildWebIfChanged(): Promise<boolean> {
  const built = existsSync("web/dist/index.html") && existsSync(STAMP);
  if (built && readFileSync(STAMP, "utf8") === sourceHash()) return false;
  await buildWeb();
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--if-changed")) await buildWebIfChanged();
  else await buildWeb();
}
