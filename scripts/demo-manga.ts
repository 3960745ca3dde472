/**
 * npm run demo:manga [-- --story FILE] [--pages N] [--out DIR] — the manga pipeline end to end on
 * this machine: starts a throwaway local platform, runs `manga` on the bundled short story
 * (samples/manga/umibe-no-tegami.md) or FILE in `auto` mode with the offline provider (no keys),
 * and writes the finished pages (PNG, 1600 px wide), the CBZ and the PDF to ./out.
 */
import { readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { startDevServer, waitForRun } from "./lib/dev-server.ts";
import { artifactListSchema, createdWorkflowSchema } from "../workers/protocol/index.ts";

const { values } = parseArgs({
  options: {
    story: { type: "string", default: "samples/manga/umibe-no-tegami.md" },
    pages: { type: "string", default: "8" },
    out: { type: "string", default: "out" },
    port: { type: "string", default: "8830" },
  },
});
const log = (msg: string) => console.log(`[demo:manga] ${msg}`);

async function main() {
  const server = await startDevServer({
    port: Number(values.port),
    inspectorPort: String(Number(values.port) + 1),
    log,
  });
  try {
    const story = readFileSync(values.story, "utf8");
    const started = Date.now();
    const created = await server.api("/v1/workflows", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        pipeline: "manga",
        input: { story, pages: Number(values.pages) },
        options: { mode: "auto" },
      }),
    });
    if (created.status !== 202)
      throw new Error(`run failed to start: ${created.status} ${await created.text()}`);
    const { id } = createdWorkflowSchema.parse(await created.json());
    log(`run ${id} started (auto mode, offline provider)`);
    const run = await waitForRun(server, id, { timeoutMs: 900_000, log });
    log(`run ${run.status} in ${Date.now() - started} ms: ${run.progress.done}/${run.progress.total} nodes`);
    if (run.status !== "completed") throw new Error(`run ended ${run.status}: ${run.error}`);
    const listed = artifactListSchema.parse(
      await (await server.api(`/v1/workflows/${id}/artifacts?limit=100&kind=manga_page`)).json(),
    );
    const others = ["manga_cbz", "manga_pdf"].map(
      async (kind) =>
        artifactListSchema.parse(
          await (await server.api(`/v1/workflows/${id}/artifacts?kind=${kind}`)).json(),
        ).artifacts,
    );
    const files = [...listed.artifacts, ...(await Promise.all(others)).flat()];
    await rm(values.out, { recursive: true, force: true });
    await mkdir(values.out, { recursive: true });
    for (const file of files) {
      const bytes = new Uint8Array(await (await server.api(file.url)).arrayBuffer());
      await writeFile(join(values.out, basename(file.path)), bytes);
    }
    log(`wrote ${files.length} files to ./${values.out}: ${files.map((f) => basename(f.path)).join(", ")}`);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
