/**
 * V8 heap snapshots of every isolate in the workerd that runs the Workers behind a `wrangler dev`
 * (issue 16: which isolate holds the memory that grows with run size, and what objects).
 *
 * wrangler's `--inspector-port` reaches only the main Worker's isolate (through its inspector
 * proxy). The runtime workerd also serves its own inspector (`--inspector-addr=127.0.0.1:0`, a
 * port chosen at start) listing one target per isolate: `core:user:tsumugi` (the API, the queue
 * consumers and every Durable Object class of the main Worker — workerd runs a Worker's objects
 * in the Worker's isolate), `core:user:tsumugi-media`, and miniflare's own services (the queue
 * broker `queues:queue`, the D1 and R2 simulators, …). That port is found from /proc.
 *
 * Nothing here polls: each call opens a session, asks, and closes it (a session polling the heap
 * during a long run stalled it, docs/benchmarks.md).
 */
import { readFile, readdir, readlink } from "node:fs/promises";
import { openSession, type InspectorTarget } from "./inspector-session.ts";

export type { InspectorTarget };

/** The TCP ports `pid` listens on (Linux /proc: its socket inodes matched against /proc/net/tcp). */
async function listeningPorts(pid: number): Promise<number[]> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [])) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const m = /^socket:\[(\d+)\]$/.exec(link);
    if (m) inodes.add(m[1]!);
  }
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] local address "HEXIP:HEXPORT", f[3] state (0A = LISTEN), f[9] inode
      if (f[3] === "0A" && inodes.has(f[9]!)) ports.push(parseInt(f[1]!.split(":")[1]!, 16));
    }
  }
  return ports;
}

/**
 * The runtime workerd's own inspector targets, one per isolate. workerd serves one session per
 * isolate and wrangler's inspector proxy already holds the main Worker's (`core:user:<main>`):
 * that target is reached through the proxy on `proxyPort` (wrangler's `--inspector-port`), which
 * refuses a socket without an `Origin` header.
 */
export async function runtimeInspectorTargets(
  runtimePid: number,
  proxyPort: number,
): Promise<InspectorTarget[]> {
  const all = await directTargets(runtimePid);
  const main = all.find((t) => t.id.startsWith("core:user:"))!;
  const proxied = {
    id: main.id,
    webSocketDebuggerUrl: `ws://127.0.0.1:${proxyPort}/ws`,
    origin: `http://127.0.0.1:${proxyPort}`,
  };
  return all.map((t) => (t === main ? proxied : t));
}

async function directTargets(runtimePid: number): Promise<InspectorTarget[]> {
  for (const port of await listeningPorts(runtimePid)) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(2_000) });
      const list: unknown = await res.json();
      if (Array.isArray(list) && list.some((t) => typeof t?.id === "string" && t.id.startsWith("core:user:")))
        return list as InspectorTarget[];
    } catch {
      // Another of workerd's sockets (the Worker's own port, the loopback): not the inspector.
    }
  }
  throw new Error(`no inspector listing core:user:* among the ports of workerd ${runtimePid}`);
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

export type HeapUsage = { usedMb: number; totalMb: number };

/** An isolate's heap usage, after a full GC if asked (the GC is what tells garbage from live data). */
export async function heapUsage(target: InspectorTarget, options: { gc?: boolean } = {}): Promise<HeapUsage> {
  const s = await openSession(target);
  try {
    // workerd runs HeapProfiler.collectGarbage but never answers it; the isolate handles a
    // session's messages in order, so the usage asked next is read after the GC.
    if (options.gc) s.send("HeapProfiler.collectGarbage");
    const u = await s.call<{ usedSize: number; totalSize: number }>("Runtime.getHeapUsage", {}, 30_000);
    return { usedMb: mb(u.usedSize), totalMb: mb(u.totalSize) };
  } finally {
    s.close();
  }
}

/** Self size and count of one kind of object in a snapshot. */
export type ConstructorRow = { name: string; count: number; selfMb: number };
export type HeapSummary = { nodes: number; selfMb: number; byConstructor: ConstructorRow[] };

/**
 * Takes a heap snapshot of the isolate (V8 runs a full GC first) and sums it the way DevTools'
 * Summary view groups it: objects and closures by constructor name, strings, arrays, code and the
 * other internal kinds by their kind in brackets.
 */
export async function heapSnapshotSummary(target: InspectorTarget): Promise<HeapSummary> {
  const s = await openSession(target);
  const chunks: string[] = [];
  s.onEvent("HeapProfiler.addHeapSnapshotChunk", (p) => chunks.push(String(p.chunk)));
  try {
    await s.call("HeapProfiler.enable");
    s.send("HeapProfiler.collectGarbage");
    await s.call("HeapProfiler.takeHeapSnapshot", { reportProgress: false }, 600_000);
  } finally {
    s.close();
  }
  return summarise(JSON.parse(chunks.join("")) as RawSnapshot);
}

type RawSnapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] }; node_count: number };
  nodes: number[];
  strings: string[];
};

/** Node kinds grouped by their constructor name; the rest by their kind. */
const BY_NAME = new Set(["object", "closure", "native", "regexp"]);

function summarise(raw: RawSnapshot): HeapSummary {
  const fields = raw.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const types = raw.snapshot.meta.node_types[0];
  const groups = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let i = 0; i < raw.nodes.length; i += width) {
    const type = types[raw.nodes[i + typeAt]!]!;
    const size = raw.nodes[i + sizeAt]!;
    // "system / Context / scope @1234": the id differs per snapshot, the kind does not.
    const key = BY_NAME.has(type) ? raw.strings[raw.nodes[i + nameAt]!]!.replace(/ @\d+$/, "") : `(${type})`;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += size;
    groups.set(key, g);
    total += size;
  }
  return {
    nodes: raw.nodes.length / width,
    selfMb: mb(total),
    byConstructor: [...groups]
      .map(([name, g]) => ({ name, count: g.count, selfMb: mb(g.bytes), bytes: g.bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .map(({ name, count, selfMb }) => ({ name, count, selfMb })),
  };
}
