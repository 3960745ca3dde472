/**
 * Fails when worker-configuration.d.ts no longer matches wrangler.toml (run `npm run types`).
 * wrangler.media.toml is read too: it types the MEDIA service binding with the media Worker's
 * entrypoint (RPC methods), as `npm run types` generates it.
 */
import { runWrangler } from "./lib/wrangler.ts";

const result = await runWrangler(
  [
    "types",
    "--include-runtime",
    "false",
    "-c",
    "wrangler.toml",
    "-c",
    "wrangler.media.toml",
    "--check",
    "worker-configuration.d.ts",
  ],
  {
    capture: true,
  },
);
if (result.code !== 0) {
  console.error(result.stderr || result.stdout);
  console.error("worker-configuration.d.ts is out of date: run `npm run types` and commit it.");
  process.exit(1);
}
console.log("worker-configuration.d.ts matches wrangler.toml");
