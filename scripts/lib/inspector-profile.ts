/**
 * A V8 CPU profile of the Worker behind a `wrangler dev`, through its inspector
 * (`--inspector-port`, the Profiler domain): where the isolate spends its own CPU while a
 * benchmark runs. `stop()` returns the raw profile (save it as `.cpuprofile` and open it in
 * Chrome DevTools) and the functions and bundled modules with the most self time.
 */
import { openSession, proxyTarget } from "./inspector-session.ts";

type CallFrame = {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
};
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
};
export type SelfTime = { name: string; ms: number; share: number };

/**
 * esbuild marks where each source file starts in a bundle with a `// path` comment line; the
 * markers give each bundle line its module (a package name under node_modules, or our file).
 */
function moduleMap(text: string | undefined): ((line: number) => string) | null {
  if (!text) return null;
  const starts: { line: number; module: string }[] = [];
  text.split("\n").forEach((line, i) => {
    const m = /^\/\/ (\S+\.(?:[cm]?[jt]sx?|json))$/.exec(line);
    if (!m) return;
    const path = m[1]!;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    starts.push({ line: i, module: pkg ? pkg[1]! : path.replace(/^(\.\.\/)+/, "") });
  });
  if (!starts.length) return null;
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = "(bundle prelude)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/**
 * Self time per function and per module, most first (ms over the whole profile), and total
 * time (self plus everything it called) of our own functions (`workers/…`, `durable-objects/…`):
 * which of our steps a request's time sits under. `sources` (script id → text, from `stop()`)
 * names the bundled module of each function.
 */
export function summarize(profile: CpuProfile, sources: Map<string, string> = new Map(), top = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // The delta before sample i+1 is the time sample i stood for.
  samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const maps = new Map<string, ((line: number) => string) | null>();
  const fns = new Map<string, number>();
  const modules = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const place = (frame: CallFrame) => {
    if (!maps.has(frame.scriptId)) maps.set(frame.scriptId, moduleMap(sources.get(frame.scriptId)));
    const module = maps.get(frame.scriptId)?.(frame.lineNumber) ?? frame.url;
    return { module, fn: `${frame.functionName || "(anonymous)"} ${module}:${frame.lineNumber + 1}` };
  };
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    let where: { module: string; fn: string };
    if (frame.url) where = place(frame);
    else {
      // A frame without a script is a V8 built-in or the runtime's own (native) function:
      // charge it to the nearest caller with a script, so "which of our code costs" adds up.
      let up = parent.get(id);
      while (up !== undefined && !byId.get(up)?.callFrame.url) up = parent.get(up);
      const caller = up === undefined ? undefined : byId.get(up)?.callFrame;
      const name = frame.functionName || "(native)";
      if (caller) {
        const c = place(caller);
        where = { module: c.module, fn: `${name} ← ${c.fn}` };
      } else where = { module: name, fn: name };
    }
    fns.set(where.fn, (fns.get(where.fn) ?? 0) + us);
    modules.set(where.module, (modules.get(where.module) ?? 0) + us);
  }
  // Total time: each sample counts once for every distinct function of ours on its stack.
  const ours = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame?.url) continue;
      const { module, fn } = place(frame);
      if (!/^(workers|durable-objects)\//.test(module) || seen.has(fn)) continue;
      seen.add(fn);
      ours.set(fn, (ours.get(fn) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>): SelfTime[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 10) / 100,
        share: Math.round((us / total) * 1000) / 1000,
      }));
  return {
    sampled_ms: Math.round(total / 1000),
    functions: rank(fns),
    modules: rank(modules),
    our_functions_total: rank(ours),
  };
}

/** Starts a CPU profile of the Worker on inspector `port`; `stop()` ends it. */
export async function startCpuProfile(
  port: number,
  options: { intervalUs?: number } = {},
): Promise<{ stop(): Promise<{ profile: CpuProfile; sources: Map<string, string> }> }> {
  const session = await openSession(await proxyTarget(port));
  const call = (method: string, params?: object) => session.call(method, params, 60_000);
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: options.intervalUs ?? 100 });
  await call("Profiler.start");
  return {
    async stop() {
      try {
        const { profile } = (await call("Profiler.stop")) as { profile: CpuProfile };
        // The bundle's text, to tell which module each function came from.
        const sources = new Map<string, string>();
        await call("Debugger.enable");
        for (const id of new Set(profile.nodes.map((n) => n.callFrame.scriptId))) {
          if (id === "0") continue;
          const { scriptSource } = (await call("Debugger.getScriptSource", { scriptId: id }).catch(
            () => ({}),
          )) as { scriptSource?: string };
          if (scriptSource) sources.set(id, scriptSource);
        }
        await call("Debugger.disable").catch(() => {});
        return { profile, sources };
      } finally {
        session.close();
      }
    },
  };
}
