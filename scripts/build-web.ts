/**
 * Builds web/src into web/dist, the static assets the Worker serves (wrangler.toml [assets]), and
 * copies the API reference renderer (Scalar's standalone bundle) to /docs/scalar.js so /docs
 * works offline and under a CSP that allows only our own origin.
 */
import { build } from "esbuild";
import { cp, mkdir, rm } from "node:fs/promises";

export async function buildWeb(): Promise<void> {
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
}

if (import.meta.url === `file://${process.argv[1]}`) await buildWeb();
