/**
 * Anonymous memory of the workerd process that runs the Workers behind a `wrangler dev` (issue 16:
 * does it grow with run size?), from Linux /proc, without attaching anything to the process: an
 * inspector attached during a run stalled it (docs/benchmarks.md).
 *
 * RssAnon is what heaps cost — V8's (inside its pointer cage), SQLite's page caches, workerd's
 * own; file pages (the SQLite databases mapped from tmpfs) are left out, they follow the data
 * stored. The largest anonymous regions of /proc/PID/smaps, read at the peak, say which heap grew.
 */
import { readFile, readdir, readlink } from "node:fs/promises";
import { workerdPids } from "./workerd-process.ts";

export type AnonRegion = { address: string; rssMb: number; anonMb: number; name: string };

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** RssAnon of one process in kB (0 when it is gone). */
export async function anonKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/^RssAnon:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

/** The `count` mappings of `pid` with the most anonymous resident memory. */
export async function topAnonRegions(pid: number, count = 5): Promise<AnonRegion[]> {
  const smaps = await readFile(`/proc/${pid}/smaps`, "utf8").catch(() => "");
  const regions: AnonRegion[] = [];
  let current: { address: string; name: string; rssKb: number; anonKb: number } | null = null;
  const flush = () => {
    if (current && current.anonKb > 0)
      regions.push({
        address: current.address,
        rssMb: mb(current.rssKb),
        anonMb: mb(current.anonKb),
        name: current.name || "[anon]",
      });
  };
  for (const line of smaps.split("\n")) {
    // A mapping's header: "start-end perms offset dev inode [name]"; its fields follow as "Key: n kB".
    const header = /^([0-9a-f]+-[0-9a-f]+)\s+\S+\s+\S+\s+\S+\s+\d+\s*(.*)$/.exec(line);
    if (header) {
      flush();
      current = { address: header[1]!, name: header[2]!.trim(), rssKb: 0, anonKb: 0 };
      continue;
    }
    const field = /^(Rss|Anonymous):\s+(\d+) kB/.exec(line);
    if (field && current) {
      if (field[1] === "Rss") current.rssKb = Number(field[2]);
      else current.anonKb = Number(field[2]);
    }
  }
  flush();
  return regions.sort((a, b) => b.anonMb - a.anonMb).slice(0, count);
}

/**
 * The workerd process that runs the Workers. `wrangler dev` starts two: a proxy in front (it holds
 * the port, and wrangler's proxy and inspector-proxy Workers) and the runtime, which has the state
 * folder's databases open; without `state`, the one with the most anonymous memory (the runtime
 * at start).
 */
export async function runtimeWorkerdPid(devPid: number, state?: string): Promise<number> {
  let best = { pid: 0, kb: -1 };
  for (const pid of await workerdPids(devPid)) {
    if (state && (await opensUnder(pid, state))) return pid;
    const kb = await anonKb(pid);
    if (kb > best.kb) best = { pid, kb };
  }
  if (!best.pid) throw new Error(`no workerd process below pid ${devPid}`);
  return best.pid;
}

async function opensUnder(pid: number, folder: string): Promise<boolean> {
  for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
    if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "")).startsWith(folder)) return true;
  }
  return false;
}

export type RuntimeMemory = {
  pid: number;
  /** RssAnon when sampling started, at its highest, and when the run ended, in MB. */
  startMb: number;
  peakMb: number;
  endMb: number;
  /** The largest anonymous regions at (near) the peak. */
  peakRegions: AnonRegion[];
  /** Peak RssAnon of the other workerd (wrangler's proxy), in MB. */
  proxyPeakMb: number;
};

/**
 * Samples the runtime's RssAnon every `intervalMs` until `stop()`. smaps is read again whenever
 * the peak has grown by 5 % since it was last read (reading it costs a few ms of the kernel's
 * time, so not every sample), and once more at the end if the peak moved.
 */
export async function sampleRuntimeMemory(
  devPid: number,
  state?: string,
  intervalMs = 250,
): Promise<{ stop(): Promise<RuntimeMemory> }> {
  const pid = await runtimeWorkerdPid(devPid, state);
  const proxies = (await workerdPids(devPid)).filter((p) => p !== pid);
  let proxyPeakKb = 0;
  const startKb = await anonKb(pid);
  let peakKb = startKb;
  let regionsAtKb = startKb;
  let peakRegions = await topAnonRegions(pid);
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      const kb = await anonKb(pid);
      if (kb > peakKb) peakKb = kb;
      let proxyKb = 0;
      for (const proxy of proxies) proxyKb += await anonKb(proxy);
      proxyPeakKb = Math.max(proxyPeakKb, proxyKb);
      if (peakKb > regionsAtKb * 1.05 && kb === peakKb) {
        peakRegions = await topAnonRegions(pid);
        regionsAtKb = kb;
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void sample(), intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      const endKb = await anonKb(pid);
      if (endKb >= peakKb) {
        peakKb = endKb;
        peakRegions = await topAnonRegions(pid);
      }
      return {
        pid,
        startMb: mb(startKb),
        peakMb: mb(peakKb),
        endMb: mb(endKb),
        peakRegions,
        proxyPeakMb: mb(proxyPeakKb),
      };
    },
  };
}
