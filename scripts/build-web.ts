/**
 * Builds web/src into web/dist, the static assets the Worker serves (wrangler.toml [assets]), and
 * copies the API reference renderer (Scalar's standalone bundle) to /docs/scalar.js so /docs
 * works offline and under a CSP that allows only our own origin.
 * `--if-changed` (npm start, npm test, the demo) skips the build when web/dist already holds a
 * build of the same sources: rewriting web/dist makes a running `wrangler dev` reload its assets
 * and drop every open socket, so scripts that only need *a* build must not touch it.
 */
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

// package-lock.json: the Scalar bundle copied from node_modules changes with it.
const SOURCES = ["web/src", "scripts/build-web.ts", "package-lock.json"];
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
  await mkdir("web/dist", { recursive: true });
  await build({
    entryPoints: ["web/src/main.ts"],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: true,
    outfile: "web/dist/app.js",
    logLevel: "warning",
  });
  await cp("web/src/index.html", "web/dist/index.html");
  await cp("web/src/styles.css", "web/dist/styles.css");
  await mkdir("web/dist/docs", { recursive: true });
  await cp("node_modules/@scalar/api-reference/dist/browser/standalone.js", "web/dist/docs/scalar.js");
  // Security headers for the assets, applied by the assets binding (not served itself).
  await cp("web/src/_headers", "web/dist/_headers");
  await cp("web/src/fonts", "web/dist/fonts", { recursive: true });
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
