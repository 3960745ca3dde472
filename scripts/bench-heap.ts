/**
 * npm run -s bench:heap -- --chapters 30,100 --port P [--inspector-port P2] [--log-level warn]
 *
 * Which isolate holds workerd's memory growth in run size, and what objects (issue 16)? Runs
 * bench:engine's workload (scripts/lib/engine-bench.ts; latency 0, K 30, wrangler's trace
 * collector off) once per chapter count, each on a fresh `wrangler dev`, with no inspector
 * attached during the run. After each run it reads every isolate's heap after a GC and a heap
 * snapshot of the main Worker's isolate (scripts/lib/heap-snapshot.ts), and prints one JSON
 * object: the rows, and the main isolate's growth by constructor from the first row to the last.
 */
import { parseArgs } from "node:util";
import { runEngineBench, workloadFromArgs } from "./lib/engine-bench.ts";
import { benchContext } from "./lib/bench-context.ts";
import type { ConstructorRow } from "./lib/heap-snapshot.ts";

const { values } = parseArgs({
  options: {
    chapters: { type: "string", default: "30,100" },
    sections: { type: "string", default: "5" },
    paragraphs: { type: "string", default: "8" },
    latency: { type: "string", default: "0" },
    concurrency: { type: "string", default: "30" },
    port: { type: "string", default: "8788" },
    "inspector-port": { type: "string" },
    timeout: { type: "string", default: "7200" },
    settle: { type: "string", default: "0" },
    "log-level": { type: "string", default: "warn" },
    "state-dir": { type: "string" },
  },
});
const log = (msg: string) => process.stderr.write(`[bench:heap] ${msg}\n`);

type Heap = { used_after_gc_mb: Record<string, number | null>; main: { top: ConstructorRow[] } };

async function main() {
  const rows: Record<string, unknown>[] = [];
  for (const chapters of values.chapters.split(",").map(Number)) {
    log(`${chapters} chapters`);
    const row = await runEngineBench({
      ...workloadFromArgs(values),
      chapters,
      localObservability: false,
      heapSnapshot: values["inspector-port"] ?? String(Number(values.port) + 1),
      log,
    });
    // Only the figures this benchmark is for; bench:engine prints the rest.
    rows.push({
      chapters,
      steps: row.steps,
      makespan_ms: row.makespan_ms,
      runtime_mb: row.runtime_mb,
      heap: row.heap,
    });
    log(`row: ${JSON.stringify({ steps: row.steps, runtime_mb: row.runtime_mb })}`);
  }
  const first = (rows[0]?.heap as Heap | undefined)?.main.top ?? [];
  const last = (rows.at(-1)?.heap as Heap | undefined)?.main.top ?? [];
  const growth = last
    .map((r) => {
      const before = first.find((f) => f.name === r.name);
      return {
        name: r.name,
        self_mb: Number((r.selfMb - (before?.selfMb ?? 0)).toFixed(1)),
        count: r.count - (before?.count ?? 0),
      };
    })
    .sort((a, b) => b.self_mb - a.self_mb);
  console.log(JSON.stringify({ bench: "heap", rows, main_growth: growth, context: benchContext() }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
