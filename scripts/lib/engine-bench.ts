/**
 * The engine benchmark's workload, shared by `bench:engine` (one run) and `bench:memory` (a series
 * of runs in fresh servers): the synthetic `fanout` pipeline on a fresh `wrangler dev`, every AI
 * step an HTTP call to a local server that answers after `latency` ms. Returns the figures as
 * `bench:engine` prints them.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startFakeAiServer } from "../../test/support/fake-ai-server.ts";
import { startDevServer, waitForRun } from "./dev-server.ts";
import { createdWorkflowSchema } from "../../workers/protocol/workflows.ts";
import { sampleWorkerdRss, workerdCpuMs } from "./workerd-process.ts";
import { benchContext } from "./bench-context.ts";
import { openHeapProbe } from "./inspector-heap.ts";
import { startCpuProfile, summarize } from "./inspector-profile.ts";
import { heapSnapshotSummary, heapUsage, runtimeInspectorTargets } from "./heap-snapshot.ts";
import { anonKb, sampleRuntimeMemory } from "./runtime-memory.ts";
import { sqliteSizesMb } from "./state-size.ts";
import { logLevelArg } from "./log-level-arg.ts";

export type EngineBenchOptions = {
  chapters: number;
  sections: number;
  paragraphs: number;
  latency: number;
  concurrency: number;
  port: number;
  timeoutSeconds: number;
  /** Write every AI call (node, attempt, start time) as JSON here, to study the schedule. */
  trace?: string;
  /** Parent folder of wrangler dev's state (default: tmpfs; see dev-server.ts). */
  stateDir?: string;
  /**
   * Open workerd's inspector on this port; the result then also has the Worker's V8 heap. Leave it
   * off for memory series: an inspector session polling the heap stalled long runs.
   */
  inspect?: string;
  /**
   * Open workerd's inspector on this port, attach nothing during the run, and after it (before
   * the server stops) read every isolate's heap after a GC and summarise a snapshot of the main
   * Worker's isolate by constructor (`heap` in the result; scripts/lib/heap-snapshot.ts).
   */
  heapSnapshot?: string;
  /** Record no metrics (METRICS_COLLECTION=off), to measure what collection costs. */
  noMetrics?: boolean;
  /**
   * Record a V8 CPU profile of the Worker (consumer, run object and API share one isolate) over
   * the run, through the inspector (`inspect`, or port + 20,000): written to
   * DIR/engine.cpuprofile, its top self time by function and module added to the result. The
   * profiler costs CPU itself: take efficiency and CPU per step from runs without it.
   */
  profileDir?: string;
  /**
   * The Worker's LOG_LEVEL (default info, as shipped). `warn` drops the info line per step, which
   * under wrangler dev is also buffered by wrangler's inspector proxy (docs/benchmarks.md).
   */
  logLevel?: "info" | "warn" | "error";
  /** wrangler's local trace collector; unset: this process's X_LOCAL_OBSERVABILITY. */
  localObservability?: boolean;
  /** Seconds to wait idle after the run before reading `runtime_mb.settled` (default 10). */
  settleSeconds?: number;
  log: (msg: string) => void;
};

/** The command-line values both benchmarks share, as parseArgs gives them. */
export type WorkloadArgs = {
  sections: string;
  paragraphs: string;
  latency: string;
  concurrency: string;
  port: string;
  timeout: string;
  settle: string;
  "log-level": string;
  "state-dir"?: string | undefined;
};

/** The options of `runEngineBench` that come from those values, checked. */
export function workloadFromArgs(values: WorkloadArgs) {
  return {
    sections: Number(values.sections),
    paragraphs: Number(values.paragraphs),
    latency: Number(values.latency),
    concurrency: Number(values.concurrency),
    port: Number(values.port),
    timeoutSeconds: Number(values.timeout),
    settleSeconds: Number(values.settle),
    logLevel: logLevelArg(values["log-level"]),
    ...(values["state-dir"] ? { stateDir: values["state-dir"] } : {}),
  };
}

const AI_STEPS = ({ chapters: C, sections: S, paragraphs: P }: EngineBenchOptions) =>
  // Same count as fanoutAiCalls() in workers/pipelines/fanout (not importable from Node).
  C * S + C * S * P * 3 + C;

export async function runEngineBench(o: EngineBenchOptions): Promise<Record<string, unknown>> {
  const localObservability = o.localObservability ?? process.env.X_LOCAL_OBSERVABILITY !== "false";
  const ai = await startFakeAiServer();
  const inspectorPort = o.inspect ?? o.heapSnapshot ?? (o.profileDir ? String(o.port + 20_000) : undefined);
  const server = await startDevServer({
    port: o.port,
    ...(o.stateDir ? { stateParent: o.stateDir } : {}),
    ...(inspectorPort ? { inspectorPort } : {}),
    vars: { LOG_LEVEL: o.logLevel ?? "info", ...(o.noMetrics ? { METRICS_COLLECTION: "off" } : {}) },
    localObservability,
    log: o.log,
  });
  try {
    const devPid = server.process.pid!;
    const rss = sampleWorkerdRss(devPid);
    const runtime = await sampleRuntimeMemory(devPid, server.state);
    const cpuBefore = await workerdCpuMs(devPid);
    // wrangler's inspector proxy answers one client: the profiler takes it when asked for.
    const probe = o.inspect && !o.profileDir ? await openHeapProbe(Number(o.inspect)) : null;
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
        // A missed sample only lowers the peak a little; the next one comes 2 s later.
        .catch(() => {});
    }, 2_000);
    const profiler = o.profileDir ? await startCpuProfile(Number(inspectorPort)) : null;
    ai.resetPeak();
    const created = await server.api("/v1/workflows", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        pipeline: "fanout",
        input: {
          chapters: o.chapters,
          sections: o.sections,
          paragraphs: o.paragraphs,
          aiUrl: `${ai.url}?latency=${o.latency}`,
        },
        options: { concurrency: o.concurrency },
      }),
    });
    if (created.status !== 202) throw new Error(`create failed: ${created.status} ${await created.text()}`);
    const { id } = createdWorkflowSchema.parse(await created.json());
    o.log(`run ${id}: ${AI_STEPS(o)} AI calls, latency ${o.latency} ms, concurrency ${o.concurrency}`);
    const run = await waitForRun(server, id, { timeoutMs: o.timeoutSeconds * 1000, log: o.log });
    const peak = rss.stop();
    const memory = await runtime.stop();
    const cpuMs = (await workerdCpuMs(devPid)) - cpuBefore;
    clearInterval(heapTimer);
    let profile: (ReturnType<typeof summarize> & { file: string }) | null = null;
    if (profiler && o.profileDir) {
      const { profile: raw, sources } = await profiler.stop();
      await mkdir(o.profileDir, { recursive: true });
      const file = join(o.profileDir, "engine.cpuprofile");
      await writeFile(file, JSON.stringify(raw));
      profile = { file, ...summarize(raw, sources, 25) };
    }
    const heapAfterGc = probe ? await probe.heap({ gc: true }).catch(() => null) : null;
    probe?.close();
    const heap = o.heapSnapshot ? await isolateHeaps(memory.pid, Number(o.heapSnapshot), o.log) : null;
    if (run.status !== "completed") throw new Error(`run ended ${run.status}: ${run.error}`);
    const settleSeconds = o.settleSeconds ?? 10;
    await sleep(settleSeconds * 1000);
    const settledMb = Math.round((await anonKb(memory.pid)) / 102.4) / 10;
    const n = ai.calls(id).length;
    if (o.trace) await writeFile(o.trace, JSON.stringify({ createdAt: run.createdAt, calls: ai.calls(id) }));
    const makespan = run.finishedAt! - run.createdAt;
    const ideal = Math.max(3 * o.latency, Math.ceil(n / o.concurrency) * o.latency);
    return {
      engine: "tsumugi",
      metrics: o.noMetrics ? "off" : "on",
      log_level: o.logLevel ?? "info",
      // wrangler's local trace collector (see docs/benchmarks.md, issue 16): every invocation
      // streams a tail to a trace store.
      local_observability: localObservability,
      chapters: o.chapters,
      steps: run.progress.total,
      ai_calls: n,
      latency_ms: o.latency,
      concurrency: o.concurrency,
      makespan_ms: makespan,
      ideal_ms: ideal,
      efficiency: Number((ideal / makespan).toFixed(3)),
      max_inflight: ai.maxInflight(id),
      workerd_cpu_ms: cpuMs,
      workerd_cpu_ms_per_step: Number((cpuMs / n).toFixed(3)),
      workerd_peak_rss_mb: peak.totalMb,
      workerd_peak_anon_mb: peak.anonMb,
      // The runtime workerd process alone (RssAnon; the one with the state's databases open): before the run, its peak, at the end, and
      // after `settle_s` idle; the largest anonymous regions at the peak.
      runtime_mb: {
        start: memory.startMb,
        peak: memory.peakMb,
        end: memory.endMb,
        settled: settledMb,
        settle_s: settleSeconds,
        peak_regions: memory.peakRegions,
      },
      // wrangler's other workerd (the proxy in front of the runtime), peak RssAnon.
      proxy_peak_mb: memory.proxyPeakMb,
      // SQLite files in the state folder at the end, per owner (do/<worker>-WorkflowRun is the
      // run's database, observability the local trace store).
      state_mb: await sqliteSizesMb(server.state),
      ...(profile ? { profiled: true, profile } : {}),
      ...(heap ? { heap } : {}),
      ...(heapAfterGc ? { v8_heap_peak_mb: heapPeak, v8_heap_after_gc_mb: heapAfterGc } : {}),
      context: benchContext(),
    };
  } finally {
    await server.stop();
    await ai.close();
  }
}

/**
 * Every isolate's heap after a GC (MB used), and the main Worker's isolate summarised from a
 * snapshot: the 25 largest constructors by self size.
 */
async function isolateHeaps(runtimePid: number, proxyPort: number, log: (msg: string) => void) {
  const targets = await runtimeInspectorTargets(runtimePid, proxyPort);
  const main = targets.find((t) => t.origin)!;
  // Read before the snapshot: serialising one costs workerd hundreds of MB it keeps afterwards.
  const anonBeforeMb = Math.round((await anonKb(runtimePid)) / 102.4) / 10;
  log(`heap snapshot of ${main.id}`);
  const snapshot = await heapSnapshotSummary(main);
  const usedAfterGcMb: Record<string, number | null> = {};
  for (const t of targets)
    usedAfterGcMb[t.id] = await heapUsage(t, { gc: true }).then(
      (u) => u.usedMb,
      // An isolate that does not answer is reported as null rather than failing the run's figures.
      () => null,
    );
  return {
    runtime_anon_mb: {
      before_snapshot: anonBeforeMb,
      after: Math.round((await anonKb(runtimePid)) / 102.4) / 10,
    },
    used_after_gc_mb: usedAfterGcMb,
    main: {
      isolate: main.id,
      nodes: snapshot.nodes,
      self_mb: snapshot.selfMb,
      top: snapshot.byConstructor.slice(0, 25),
    },
  };
}
