/**
 * npm run bench:startup — start-up CPU of each production Worker, measured the way `wrangler check
 * startup` measures it (a CPU profile of importing the main module in a fresh workerd isolate,
 * active time = sampled time − idle), but with a timeout that survives a busy machine: wrangler's
 * own gives up after 10 s including workerd's start, which a loaded 2-core VM exceeds. Each Worker
 * is built once (`wrangler deploy --dry-run --env production --outdir`), then profiled `--runs N`
 * times (default 3) in fresh processes; prints JSON with the median (stdout holds only JSON).
 * Beside the profile's active time it reports workerd's CPU time during the import, which a busy
 * machine does not inflate.
 *
 *   npm run bench:startup                  # both Workers, 3 runs each
 *   npm run bench:startup -- --runs 5 --config wrangler.toml
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Miniflare, convertV4MiniflareOptions } from "miniflare";
import WebSocket from "ws";
import { benchContext } from "./lib/bench-context.ts";
import { mustRunWrangler } from "./lib/wrangler.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    config: { type: "string", multiple: true },
    timeout: { type: "string", default: "120000" },
    /** Write each run's CPU profile here (open in Chrome DevTools' profiler). */
    "profile-dir": { type: "string" },
  },
});
const runs = Number(values.runs);
const configs = values.config ?? ["wrangler.toml", "wrangler.media.toml"];
const timeoutMs = Number(values.timeout);

type ProfileNode = { id: number; callFrame: { functionName: string } };
type CpuProfile = { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };
type ModuleType = "ESModule" | "CompiledWasm" | "Data" | "Text";

const TYPES: [RegExp, ModuleType][] = [
  [/\.m?js$/, "ESModule"],
  [/\.wasm$/, "CompiledWasm"],
  [/\.(md|svg|txt)$/, "Text"],
];

/** Active (non-idle) milliseconds in a profile, as wrangler's summarizeStartupProfile counts. */
function activeMs(profile: CpuProfile): number {
  const names = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  let active = 0;
  for (const [i, delta] of (profile.timeDeltas ?? []).entries()) {
    if (names.get(profile.samples?.[i] ?? 0) !== "(idle)") active += delta;
  }
  return active / 1000;
}

async function modulesOf(dir: string) {
  const files = (await readdir(dir)).filter((name) => !name.endsWith(".map") && name !== "README.md");
  return Promise.all(
    files.map(async (name) => {
      const type = TYPES.find(([pattern]) => pattern.test(name))?.[1] ?? "Data";
      const bytes = await readFile(join(dir, name));
      return {
        type,
        path: `/${name}`,
        contents: type === "ESModule" || type === "Text" ? bytes.toString("utf8") : new Uint8Array(bytes),
      };
    }),
  );
}

/** One profile of `import(main)` in a fresh workerd, over the inspector (Profiler domain). */
async function profileOnce(
  dir: string,
  flags: { date: string; flags: string[] },
  save?: string,
): Promise<{ activeMs: number; cpuMs: number }> {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: "profiler",
      compatibilityDate: flags.date,
      compatibilityFlags: flags.flags,
      modulesRoot: "/",
      modules: [
        {
          type: "ESModule",
          path: "/__startup_profiler.js",
          contents: `export default { async fetch() { await import("./index.js"); return new Response("ok"); } };`,
        },
        ...(await modulesOf(dir)),
      ],
      inspectorPort: 0,
      handleStructuredLogs: () => undefined,
    } as never),
  );
  const timer = setTimeout(() => {
    console.error(`profiling ${dir} took over ${timeoutMs} ms`);
    process.exit(1);
  }, timeoutMs);
  try {
    await mf.ready;
    const inspector = await mf.getInspectorURL();
    const ws = new WebSocket(new URL("/core:user:profiler", inspector.href).href);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    let id = 0;
    const pending = new Map<number, (result: unknown) => void>();
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
    const send = (method: string) =>
      new Promise<unknown>((resolve) => {
        pending.set(++id, resolve);
        ws.send(JSON.stringify({ id, method }));
      });
    await send("Profiler.enable");
    await send("Profiler.start");
    const cpuBefore = await workerdCpuMs();
    const response = await mf.dispatchFetch("https://example.com/");
    const body = await response.text();
    const cpuMs = (await workerdCpuMs()) - cpuBefore;
    if (!response.ok) throw new Error(`importing the Worker failed: ${response.status} ${body}`);
    const { profile } = (await send("Profiler.stop")) as { profile: CpuProfile };
    ws.close();
    if (save) await writeFile(save, JSON.stringify(profile));
    return { activeMs: activeMs(profile), cpuMs };
  } finally {
    clearTimeout(timer);
    await mf.dispose();
  }
}

/**
 * CPU time (ms) used so far by the workerd processes this script started, from the scheduler's
 * per-thread counters (/proc/PID/task/TID/schedstat, nanoseconds on CPU). Unlike the profile's
 * sample deltas, which are wall time and grow when a busy machine deschedules the thread, this
 * counts only time actually spent running. Linux only; NaN elsewhere.
 */
async function workerdCpuMs(): Promise<number> {
  try {
    let ns = 0;
    for (const pid of await readdir("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      const match = /^\d+ \(([^)]*)\) \S (\d+)/.exec(stat);
      if (match?.[1] !== "workerd" || Number(match[2]) !== process.pid) continue;
      for (const tid of await readdir(`/proc/${pid}/task`)) {
        const sched = await readFile(`/proc/${pid}/task/${tid}/schedstat`, "utf8").catch(() => "0");
        ns += Number(sched.split(" ")[0]);
      }
    }
    return ns / 1e6;
  } catch {
    return NaN;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number) => Math.round(x * 10) / 10;

const results = [];
for (const config of configs) {
  const dir = await mkdtemp(join(tmpdir(), "tsumugi-startup-"));
  try {
    const out = await mustRunWrangler(
      ["deploy", "--dry-run", "-c", config, "--env", "production", "--outdir", dir],
      { capture: true },
    );
    const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out);
    const source = await readFile(config, "utf8");
    const date = /compatibility_date = "([^"]+)"/.exec(source)?.[1] ?? "2026-11-01";
    const flags = /compatibility_flags = \[([^\]]*)\]/.exec(source)?.[1]?.match(/"[^"]+"/g) ?? [];
    const samples: number[] = [];
    const cpu: number[] = [];
    const loads: number[] = [];
    for (let i = 0; i < runs; i++) {
      loads.push(round(benchContext().loadAverage[0]));
      const save = values["profile-dir"] && join(values["profile-dir"], `${config}.${i + 1}.cpuprofile`);
      const run = await profileOnce(dir, { date, flags: flags.map((f) => f.slice(1, -1)) }, save);
      samples.push(round(run.activeMs));
      cpu.push(round(run.cpuMs));
    }
    results.push({
      config,
      bundleKiB: size ? { raw: Number(size[1]), gzip: Number(size[2]) } : null,
      /** What `wrangler check startup` reports as "Active": profile wall time not idle. */
      startupActiveMs: { median: median(samples), runs: samples },
      /** workerd's own CPU time while importing the Worker (robust to the machine's load). */
      startupCpuMs: { median: median(cpu), runs: cpu },
      loadAverage1mAtEachRun: loads,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(JSON.stringify({ context: benchContext(), workers: results }, null, 2));
