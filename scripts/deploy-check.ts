/**
 * npm run deploy:check — builds the production Worker exactly as `npm run deploy` would
 * (`wrangler deploy --dry-run --env production`: bundling, bindings, assets, no account or login
 * needed) and prints its size against Cloudflare's limits (3 MB gzip on Workers Free, 10 MB on
 * Workers Paid). Fails when the build fails, the bundle is over the Paid limit, or the production
 * settings switch on test-only behaviour (synthetic pipelines, injected faults).
 */
import { buildWebIfChanged } from "./build-web.ts";
import { mustRunWrangler } from "./lib/wrangler.ts";

const PAID_LIMIT_KIB = 10 * 1024;
const FREE_LIMIT_KIB = 3 * 1024;

await buildWebIfChanged();
const out = await mustRunWrangler(["deploy", "--dry-run", "--env", "production"], { capture: true });
const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out);
if (!size) {
  console.error(`wrangler printed no bundle size:\n${out}`);
  process.exit(1);
}
const [raw, gzip] = [Number(size[1]), Number(size[2])];
const plan =
  gzip <= FREE_LIMIT_KIB ? "fits Workers Free (3 MB)" : "needs Workers Paid (10 MB; Free allows 3 MB)";
console.log(`production bundle: ${raw.toFixed(0)} KiB, ${gzip.toFixed(0)} KiB gzip — ${plan}`);
if (gzip > PAID_LIMIT_KIB) {
  console.error(`over the Workers Paid limit of ${PAID_LIMIT_KIB} KiB gzip`);
  process.exit(1);
}

// wrangler lists each variable as `env.NAME ("value")`; a test-only switch must be off.
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
