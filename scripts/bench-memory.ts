/**
 * npm run bench:memory -- --chapters 10,100,300 --observability off,on --port P [--latency 0]
 *
 * Does workerd's memory grow with run size (issue 16)? Runs bench:engine's workload
 * (scripts/lib/engine-bench.ts) once per combination of chapter count and wrangler's local trace
 * collector (X_LOCAL_OBSERVABILITY), each in a fresh `wrangler dev` on fresh state, and prints one
 * JSON object: a row per combination (steps, the runtime process's anonymous memory at peak, end
 * and settled, its largest regions, the state's SQLite sizes) and, per observability setting, the
 * least-squares slope of peak and settled memory in MB per 1,000 steps.
 */
import { parseArgs } from "node:util";
import { runEngineBench, workloadFromArgs } from "./lib/engine-bench.ts";
import { benchContext } from "./lib/bench-context.ts";

const { values } = parseArgs({
  options: {
    chapters: { type: "string", default: "10,100,300" },
    observability: { type: "string", default: "off,on" },
    sections: { type: "string", default: "5" },
    paragraphs: { type: "string", default: "8" },
    latency: { type: "string", default: "0" },
    concurrency: { type: "string", default: "30" },
    port: { type: "string", default: "8788" },
    timeout: { type: "string", default: "7200" },
    settle: { type: "string", default: "10" },
    /** The Worker's LOG_LEVEL: info (as shipped), warn or error. */
    "log-level": { type: "string", default: "info" },
    "state-dir": { type: "string" },
  },
});
const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
const log = (msg: string) => process.stderr.write(`[bench:memory] ${msg}\n`);

type Row = { steps: number; runtime_mb: { peak: number; settled: number } } & Record<string, unknown>;

/** Least-squares slope of y over x, per 1,000 x (null with fewer than two distinct sizes). */
function slopePer1000(points: [number, number][]): number | null {
  if (new Set(points.map(([x]) => x)).size < 2) return null;
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(points.map(([x]) => x));
  const my = mean(points.map(([, y]) => y));
  const cov = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const varX = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return Number(((cov / varX) * 1000).toFixed(3));
}

async function main() {
  const rows: Row[] = [];
  for (const setting of list(values.observability)) {
    if (setting !== "on" && setting !== "off")
      throw new Error(`--observability takes on/off, not ${setting}`);
    for (const chapters of list(values.chapters).map(Number)) {
      log(`${chapters} chapters, local observability ${setting}`);
      const row = (await runEngineBench({
        ...workloadFromArgs(values),
        chapters,
        localObservability: setting === "on",
        log,
      })) as Row;
      rows.push(row);
      // A long series (1,000 chapters ≈ 131,000 steps) should show its rows as they come.
      log(`row: ${JSON.stringify({ steps: row.steps, runtime_mb: row.runtime_mb, state_mb: row.state_mb })}`);
    }
  }
  const slopes = Object.fromEntries(
    ["off", "on"].flatMap((setting) => {
      const mine = rows.filter((r) => r.local_observability === (setting === "on"));
      if (mine.length === 0) return [];
      return [
        [
          setting,
          {
            peak_mb_per_1000_steps: slopePer1000(mine.map((r) => [r.steps, r.runtime_mb.peak])),
            settled_mb_per_1000_steps: slopePer1000(mine.map((r) => [r.steps, r.runtime_mb.settled])),
          },
        ],
      ];
    }),
  );
  console.log(JSON.stringify({ bench: "memory", rows, slopes, context: benchContext() }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
