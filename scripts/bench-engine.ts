/**
 * npm run bench:engine -- --chapters C --sections S --paragraphs P --latency L --concurrency K
 *
 * Runs the synthetic `fanout` pipeline on `wrangler dev` (fresh local state), with every AI step
 * an HTTP call to a local server that answers after L ms, and prints one JSON line:
 * ai_calls, makespan, the ideal makespan max(3·L, ceil(N/K)·L), efficiency, the peak number of
 * calls in flight the server saw, workerd's CPU time over the run (and per AI step), its memory
 * (`runtime_mb`: the runtime process's anonymous memory at peak, end and after 10 s idle, with its
 * largest regions) and the state's SQLite sizes (`state_mb`). The workload is
 * scripts/lib/engine-bench.ts, shared with `bench:memory`.
 */
import { parseArgs } from "node:util";
import { runEngineBench, workloadFromArgs } from "./lib/engine-bench.ts";

const { values } = parseArgs({
  options: {
    chapters: { type: "string", default: "10" },
    sections: { type: "string", default: "5" },
    paragraphs: { type: "string", default: "8" },
    latency: { type: "string", default: "200" },
    concurrency: { type: "string", default: "30" },
    port: { type: "string", default: "8788" },
    timeout: { type: "string", default: "3600" },
    /** Write every AI call (node, attempt, start time) as JSON here, to study the schedule. */
    trace: { type: "string" },
    /** Parent folder of wrangler dev's state (default: tmpfs; see scripts/lib/dev-server.ts). */
    "state-dir": { type: "string" },
    /**
     * Open workerd's inspector on this port (attach a profiler while the run goes); the output
     * then also has the Worker's V8 heap (peak while running, and after a full GC at the end).
     */
    inspect: { type: "string" },
    /**
     * Record a V8 CPU profile of the Worker over the run into this folder (engine.cpuprofile) and
     * add its top self time to the output; the profiler slows the run (take figures without it).
     */
    profile: { type: "string" },
    /** Record no metrics (METRICS_COLLECTION=off), to measure what collection costs. */
    "no-metrics": { type: "boolean", default: false },
    /** The Worker's LOG_LEVEL: info (as shipped), warn or error. */
    "log-level": { type: "string", default: "info" },
    /** Seconds idle after the run before `runtime_mb.settled` is read. */
    settle: { type: "string", default: "10" },
  },
});

runEngineBench({
  ...workloadFromArgs(values),
  chapters: Number(values.chapters),
  noMetrics: values["no-metrics"],
  ...(values.trace ? { trace: values.trace } : {}),
  ...(values.inspect ? { inspect: values.inspect } : {}),
  ...(values.profile ? { profileDir: values.profile } : {}),
  log: (msg) => process.stderr.write(`[bench:engine] ${msg}\n`),
})
  .then((result) => console.log(JSON.stringify(result)))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
