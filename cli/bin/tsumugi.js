#!/usr/bin/env node
// The `tsumugi` executable. The CLI is TypeScript under cli/, bundled by `npm run build:cli`
// (also run by npm install's `prepare`) into one file that runs on plain Node 20.
import { existsSync } from "node:fs";
import process from "node:process";
import { URL, fileURLToPath } from "node:url";

const bundle = new URL("../dist/tsumugi.mjs", import.meta.url);
const [major] = process.versions.node.split(".").map(Number);
if (major < 20) {
  process.stderr.write(`tsumugi needs Node 20 or newer (this is ${process.versions.node}).\n`);
  process.exit(2);
}
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write("tsumugi is not built yet: run `npm run build:cli` in the Tsumugi checkout.\n");
  process.exit(2);
}
const { main } = await import(bundle.href);
await main(process.argv);
