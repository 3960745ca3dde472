/**
 * npm run deploy:check — builds each production Worker exactly as `npm run deploy` would
 * (`wrangler deploy --dry-run --env production`: bundling, bindings, assets, no account or login
 * needed) and prints its size against Cloudflare's limits: 3 MB gzip per Worker on Workers Free
 * (10 MB on Workers Paid), and our own target for the main Worker — the API and gateway path —
 * of under 1 MB gzip (docs/benchmarks.md, "Cold start and bundle size"). Fails when a build
 * fails, a Worker is over the Free plan's limit (it would not deploy there), or the production
 * settings switch on test-only behaviour (synthetic pipelines, injected faults). Missing our own
 * target is printed, not a failure: it is a benchmark figure, like the others in that file.
 */
import { buildWebIfChanged } from "./build-web.ts";
import { mustRunWrangler } from "./lib/wrangler.ts";

const FREE_LIMIT_KIB = 3 * 1024;
const API_PATH_TARGET_KIB = 1024;

/** The Workers `npm run deploy` deploys, in its order (the media Worker is a binding's target). */
const WORKERS = [
  { name: "tsumugi-media", config: "wrangler.media.toml", targetKiB: FREE_LIMIT_KIB },
  { name: "tsumugi (API, gateway, engine)", config: "wrangler.toml", targetKiB: API_PATH_TARGET_KIB },
];

await buildWebIfChanged();
let failed = false;
for (const worker of WORKERS) {
  const out = await mustRunWrangler(["deploy", "--dry-run", "-c", worker.config, "--env", "production"], {
    capture: true,
  });
  const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out);
  if (!size) {
    console.error(`wrangler printed no bundle size for ${worker.config}:\n${out}`);
    process.exit(1);
  }
  const [raw, gzip] = [Number(size[1]), Number(size[2])];
  const verdict =
    gzip > FREE_LIMIT_KIB
      ? `over the Workers Free plan's ${FREE_LIMIT_KIB} KiB gzip`
      : gzip > worker.targetKiB
        ? `fits Workers Free, over its target of ${worker.targetKiB} KiB gzip`
        : `fits Workers Free (3 MB)${worker.targetKiB < FREE_LIMIT_KIB ? ` and its ${worker.targetKiB} KiB target` : ""}`;
  console.log(`${worker.name}: ${raw.toFixed(0)} KiB, ${gzip.toFixed(0)} KiB gzip — ${verdict}`);
  if (gzip > FREE_LIMIT_KIB) failed = true;
  if (worker.config === "wrangler.toml") checkTestOnlySwitches(out);
}
if (failed) process.exit(1);

/** wrangler lists each variable as `env.NAME ("value")`; a test-only switch must be off. */
function checkTestOnlySwitches(out: string): void {
  const testOnly: Record<string, string> = { ENABLE_SYNTHETIC_PIPELINES: "false", FAULT_INJECTION: "" };
  for (const [name, off] of Object.entries(testOnly)) {
    const value = new RegExp(`env\\.${name} \\("([^"]*)"\\)`).exec(out)?.[1];
    if (value !== off) {
      console.error(
        `production sets ${name} to ${JSON.stringify(value ?? null)}; it must be ${JSON.stringify(off)}`,
      );
      process.exit(1);
    }
  }
}
