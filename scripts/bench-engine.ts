/**
 * npm run bench:engine -- --chapters C --sections S --paragraphs P --latency L --concurrency K
 *
 * Runs the synthetic `fanout` pipeline on `wrangler dev` (fresh local state), with every AI step
 * an HTTP call to a local server that answers after L ms, and prints one JSON line:
 * ai_calls, makespan, the ideal makespan max(3·L, ceil(N/K)·L), efficiency, the peak number of
 * calls in flight the server saw, workerd's CPU time over the run (and per AI step) and its peak
 * resident memory.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { startFakeAiServer } from "../test/support/fake-ai-server.ts";
import { startDevServer, waitForRun } from "./lib/dev-server.ts";
import { createdWorkflowSchema } from "../workers/protocol/workflows.ts";
import { sampleWorkerdRss, workerdCpuMs } from "./lib/workerd-process.ts";
import { benchContext } from "./lib/bench-context.ts";
import { openHeapProbe } from "./lib/inspector-heap.ts";

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
    /** Record no metrics (METRICS_COLLECTION=off), to measure what collection costs. */
    "no-metrics": { type: "boolean", default: false },
  },
});
const C = Number(values.chapters);
const S = Number(values.sections);
const P = Number(values.paragraphs);
const L = Number(values.latency);
const K = Number(values.concurrency);
const port = Number(values.port);
const log = (msg: string) => process.stderr.write(`[bench:engine] ${msg}\n`);

async function main() {
  const ai = await startFakeAiServer();
  const server = await startDevServer({
    port,
    ...(values["state-dir"] ? { stateParent: values["state-dir"] } : {}),
    ...(values.inspect ? { inspectorPort: values.inspect } : {}),
    ...(values["no-metrics"] ? { vars: { METRICS_COLLECTION: "off" } } : {}),
    log,
  });
  try {
    const rss = sampleWorkerdRss(server.process.pid!);
    const cpuBefore = await workerdCpuMs(server.process.pid!);
    const probe = values.inspect ? await openHeapProbe(Number(values.inspect)) : null;
    let heapPeak = { usedMb: 0, totalMb: 0 };
    const heapTimer = setInterval(() => {
      void probe
        ?.heap()
        .then((h) => {
          heapPeak = {
            usedMb: Math.max(heapPeak.usedMb, h.usedMb),
            totalMb: Math.max(heapPeak.totalMb, h.totalMb),
          };
        })
        .catch(() => {});
    }, 2_000);
    ai.resetPeak();
    const created = await server.api("/v1/workflows", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        pipeline: "fanout",
        input: { chapters: C, sections: S, paragraphs: P, aiUrl: `${ai.url}?latency=${L}` },
        options: { concurrency: K },
      }),
    });
    if (created.status !== 202) throw new Error(`create failed: ${created.status} ${await created.text()}`);
    const { id } = createdWorkflowSchema.parse(await created.json());
    // Same count as fanoutAiCalls() in workers/pipelines/fanout (not importable from Node).
    log(`run ${id}: ${C * S + C * S * P * 3 + C} AI calls, latency ${L} ms, concurrency ${K}`);
    const run = await waitForRun(server, id, { timeoutMs: Number(values.timeout) * 1000, log });
    const peak = rss.stop();
    const cpuMs = (await workerdCpuMs(server.process.pid!)) - cpuBefore;
    clearInterval(heapTimer);
    const heapAfterGc = probe ? await probe.heap({ gc: true }).catch(() => null) : null;
    probe?.close();
    if (run.status !== "completed") throw new Error(`run ended ${run.status}: ${run.error}`);
    const n = ai.calls(id).length;
    if (values.trace)
      await writeFile(values.trace, JSON.stringify({ createdAt: run.createdAt, calls: ai.calls(id) }));
    const makespan = run.finishedAt! - run.createdAt;
    const ideal = Math.max(3 * L, Math.ceil(n / K) * L);
    console.log(
      JSON.stringify({
        engine: "tsumugi",
        metrics: values["no-metrics"] ? "off" : "on",
        // wrangler's local trace collector (X_LOCAL_OBSERVABILITY=false turns it off; see
        // docs/benchmarks.md, issue 16): every invocation streams a tail to a trace store.
        local_observability: process.env.X_LOCAL_OBSERVABILITY !== "false",
        ai_calls: n,
        latency_ms: L,
        concurrency: K,
        makespan_ms: makespan,
        ideal_ms: ideal,
        efficiency: Number((ideal / makespan).toFixed(3)),
        max_inflight: ai.maxInflight(id),
        workerd_cpu_ms: cpuMs,
        workerd_cpu_ms_per_step: Number((cpuMs / n).toFixed(3)),
        workerd_peak_rss_mb: peak.totalMb,
        workerd_peak_anon_mb: peak.anonMb,
        ...(heapAfterGc ? { v8_heap_peak_mb: heapPeak, v8_heap_after_gc_mb: heapAfterGc } : {}),
        context: benchContext(),
      }),
    );
  } finally {
    await server.stop();
    await ai.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
