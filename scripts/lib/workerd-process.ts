/**
 * The workerd processes behind a `wrangler dev`: finding them (Linux /proc) and reading their
 * resident memory, for benchmarks (peak and before/after figures) and the fault suite (which
 * kills them).
 */
import { readFile, readdir } from "node:fs/promises";

/** Process ids of `root` and everything below it (wrangler dev → workerd). */
export async function descendants(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // Field 4 is the parent pid; the command name (field 2) may contain spaces, so split after ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const found = [root];
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (found.includes(ppid) && !found.includes(pid)) {
        found.push(pid);
        grew = true;
      }
    }
  }
  return found;
}

/** The workerd processes started by the `wrangler dev` with process id `devPid`. */
export async function workerdPids(devPid: number): Promise<number[]> {
  return namedPids(devPid, "workerd");
}

/**
 * Resident memory of those workerd processes now, in MB: all of it, and the anonymous part
 * (heaps: V8, SQLite caches). The rest is file and shared-memory pages, e.g. the local SQLite
 * databases mapped from tmpfs, which grow with the data stored, not with work.
 */
export async function workerdMemory(devPid: number): Promise<{ totalMb: number; anonMb: number }> {
  let totalKb = 0;
  let anonKb = 0;
  for (const pid of await workerdPids(devPid)) {
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    totalKb += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    anonKb += Number(/^RssAnon:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  }
  return { totalMb: Math.round(totalKb / 1024), anonMb: Math.round(anonKb / 1024) };
}

/** Samples workerdMemory every 250 ms until stopped; returns the peaks. */
export function sampleWorkerdRss(devPid: number): { stop(): { totalMb: number; anonMb: number } } {
  let peak = { totalMb: 0, anonMb: 0 };
  const timer = setInterval(async () => {
    const now = await workerdMemory(devPid);
    peak = { totalMb: Math.max(peak.totalMb, now.totalMb), anonMb: Math.max(peak.anonMb, now.anonMb) };
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Process ids under `devPid` (itself included) whose name is `name` (workerd, node). */
export async function namedPids(devPid: number, name: string): Promise<number[]> {
  const pids: number[] = [];
  for (const pid of await descendants(devPid)) {
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    if (new RegExp(`^Name:\\s+${name}$`, "m").test(status)) pids.push(pid);
  }
  return pids;
}

/** CPU time (user + system) these processes have used so far, in ms (clock ticks of 10 ms). */
export async function processCpuMs(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    // Fields after the command name: state is field 3, utime 14 and stime 15 (1-based).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks * 10;
}

/**
 * CPU time (user + system) the workerd processes have used so far, in ms, from /proc (clock
 * ticks of 10 ms): a run's difference, divided by its steps, is what a step costs the runtime —
 * the queue consumer, the run's object and everything between them, on this machine.
 */
export async function workerdCpuMs(devPid: number): Promise<number> {
  return processCpuMs(await workerdPids(devPid));
}
