/**
 * npm run demo [-- --book DIR] [--out DIR] — the book pipeline end to end on this machine:
 * starts a throwaway local platform, uploads the sample book (samples/tsumugi-handbook, zipped
 * here) or DIR, runs the `book` pipeline with the offline provider (no keys needed), and unpacks
 * the run's export.zip into ./out (manifest.json, articles, scripts, tweets, thumbnails, PNGs).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { unzipSync, zipSync } from "fflate";
import { startDevServer, waitForRun } from "./lib/dev-server.ts";
import { createdUploadSchema, createdWorkflowSchema } from "../workers/protocol/index.ts";

const { values } = parseArgs({
  options: {
    book: { type: "string", default: "samples/tsumugi-handbook" },
    out: { type: "string", default: "out" },
    port: { type: "string", default: "8789" },
  },
});
const log = (msg: string) => console.log(`[demo] ${msg}`);

function zipFolder(dir: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = readFileSync(full);
    }
  };
  walk(dir);
  return zipSync(files, { level: 6 });
}

async function main() {
  const server = await startDevServer({ port: Number(values.port), log });
  try {
    const uploaded = await server.api(`/v1/uploads?name=${encodeURIComponent(values.book)}.zip`, {
      method: "POST",
      headers: { "Content-Type": "application/zip" },
      body: zipFolder(values.book),
    });
    if (uploaded.status !== 201)
      throw new Error(`upload failed: ${uploaded.status} ${await uploaded.text()}`);
    const upload = createdUploadSchema.parse(await uploaded.json());
    log(
      `uploaded "${upload.book.title}": ${upload.book.chapters.length} chapters, ${upload.book.units} units`,
    );
    const created = await server.api("/v1/workflows", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ pipeline: "book", input: { upload: upload.id } }),
    });
    if (created.status !== 202)
      throw new Error(`run failed to start: ${created.status} ${await created.text()}`);
    const { id } = createdWorkflowSchema.parse(await created.json());
    log(`run ${id} started`);
    const run = await waitForRun(server, id, { timeoutMs: 600_000, log });
    log(
      `run ${run.status} in ${run.finishedAt! - run.createdAt} ms: ${run.progress.done}/${run.progress.total} steps`,
    );
    if (run.status !== "completed") throw new Error(`run ended ${run.status}: ${run.error}`);
    const zip = unzipSync(
      new Uint8Array(await (await server.api(`/v1/workflows/${id}/export.zip`)).arrayBuffer()),
    );
    await rm(values.out, { recursive: true, force: true });
    for (const [path, bytes] of Object.entries(zip)) {
      const target = join(values.out, path);
      if (relative(values.out, target).startsWith("..")) throw new Error(`unsafe path in export: ${path}`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
    }
    log(`wrote ${Object.keys(zip).length} files to ./${values.out} (see manifest.json)`);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
