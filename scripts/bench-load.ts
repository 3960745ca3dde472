/**
 * npm run bench:load -- --clients 1000 --rps 200 --seconds 60
 *
 * One run with many live clients plus steady API traffic, against `wrangler dev` (fresh local
 * state on tmpfs): a synthetic `fanout` run whose steps call a local AI server (latency L ms,
 * K steps in flight) sized to last about `seconds`; `clients` WebSockets watch it; `rps` API
 * requests a second (run status, a page of nodes, the run list, in turn) for `seconds`. Prints
 * one JSON object: errors (API non-2xx or failed requests, socket errors, unexpected closes,
 * protocol `error` messages), lost messages (gaps in any client's `seq`, or a client without the
 * final `done`), p50/p99 of request latency and of broadcast delay (from the AI server's answer
 * for a step to a client receiving that step's `done`), and workerd's memory before the load,
 * at its peak and after (clients closed).
 */
import { Agent, request } from "node:http";
import { parseArgs } from "node:util";
import { startFakeAiServer, type FakeAiServer } from "../test/support/fake-ai-server.ts";
import { startDevServer, waitForRun, type DevServer } from "./lib/dev-server.ts";
import { openRunSocket } from "./lib/live-socket.ts";
import { sampleWorkerdRss, workerdMemory } from "./lib/workerd-process.ts";
import { benchContext } from "./lib/bench-context.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "1000" },
    rps: { type: "string", default: "200" },
    seconds: { type: "string", default: "60" },
    latency: { type: "string", default: "200" },
    concurrency: { type: "string", default: "4" },
    port: { type: "string", default: "8837" },
  },
});
const CLIENTS = Number(values.clients);
const RPS = Number(values.rps);
const SECONDS = Number(values.seconds);
const L = Number(values.latency);
const K = Number(values.concurrency);
const log = (msg: string) => process.stderr.write(`[bench:load] ${msg}\n`);

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const summary = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return { count: xs.length, p50_ms: round(percentile(sorted, 50)), p99_ms: round(percentile(sorted, 99)) };
};

type Client = {
  socket: WebSocket;
  lastSeq: number | null;
  gaps: number;
  done: boolean;
  closedEarly: boolean;
  errors: number;
};

const messageSchema = (
  raw: unknown,
): { type: string; seq: number; node?: { id: string; status: string } } => {
  const m = JSON.parse(String(raw)) as { type?: unknown; seq?: unknown; node?: unknown };
  if (typeof m.type !== "string" || typeof m.seq !== "number") throw new Error("not a protocol message");
  return m as { type: string; seq: number; node?: { id: string; status: string } };
};

/** fanout C×5×8 makes 126 calls a chapter; K slots of L ms do K·1000/L a second. */
function chaptersFor(seconds: number): number {
  const callsPerSecond = (K * 1000) / L;
  return Math.max(1, Math.round((seconds * callsPerSecond) / 126));
}

async function connectAll(server: DevServer, runId: string, errors: string[]): Promise<Client[]> {
  const clients: Client[] = [];
  // A few at a time: each upgrade is an authenticated request through the Worker.
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, CLIENTS - i) }, () =>
        openRunSocket(server.base, server.key, runId).catch((err: unknown) => {
          errors.push(String(err));
          return null;
        }),
      ),
    );
    for (const socket of batch) {
      if (!socket) continue;
      const client: Client = { socket, lastSeq: null, gaps: 0, done: false, closedEarly: false, errors: 0 };
      clients.push(client);
    }
  }
  return clients;
}

function watch(client: Client, nodeDone: (nodeId: string, at: number) => void) {
  client.socket.addEventListener("message", (event) => {
    const at = Date.now();
    let message;
    try {
      message = messageSchema(event.data);
    } catch {
      client.errors++;
      return;
    }
    if (message.type === "error") client.errors++;
    if (message.type === "snapshot") client.lastSeq = message.seq;
    else if (client.lastSeq !== null) {
      if (message.seq !== client.lastSeq + 1) client.gaps += Math.max(1, message.seq - client.lastSeq - 1);
      client.lastSeq = message.seq;
    }
    if (message.type === "node" && message.node?.status === "done") nodeDone(message.node.id, at);
    if (message.type === "done") client.done = true;
  });
  client.socket.addEventListener("error", () => client.errors++);
  client.socket.addEventListener("close", () => {
    if (!client.done) client.closedEarly = true;
  });
}

/**
 * API traffic goes through its own keep-alive pool of at most 100 connections, like a client
 * fleet behind a proxy: fetch's pool would open a connection per request waiting on a slow
 * answer, and thousands of them exhaust workerd's file descriptors before anything else.
 */
const apiAgent = new Agent({ keepAlive: true, maxSockets: 100 });
const REQUEST_TIMEOUT_MS = 30_000;

function apiGet(server: DevServer, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      server.base + path,
      { agent: apiAgent, headers: { Authorization: `Bearer ${server.key}` } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    // An answer that never comes is an error, not a benchmark that never ends.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.end();
  });
}

async function apiLoad(server: DevServer, runId: string, until: number) {
  const latencies: number[] = [];
  const failures: string[] = [];
  const paths = [`/v1/workflows/${runId}`, `/v1/workflows/${runId}/nodes?limit=50`, `/v1/workflows?limit=20`];
  const pending: Promise<void>[] = [];
  let n = 0;
  const TICK_MS = 50;
  const started = Date.now();
  // Open loop: requests are sent on schedule whether or not earlier ones have answered.
  while (Date.now() < until) {
    const due = Math.floor(((Date.now() - started) / 1000) * RPS);
    for (; n < due; n++) {
      const path = paths[n % paths.length]!;
      const t0 = performance.now();
      pending.push(
        (async () => {
          try {
            const status = await apiGet(server, path);
            // Measured from when the request was due: time queued for a connection counts.
            latencies.push(performance.now() - t0);
            if (status < 200 || status >= 300) failures.push(`${path}: ${status}`);
          } catch (err) {
            failures.push(`${path}: ${String(err)}`);
          }
        })(),
      );
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await Promise.all(pending);
  return { latencies, failures, sent: n };
}

async function main() {
  const ai: FakeAiServer = await startFakeAiServer();
  const server = await startDevServer({ port: Number(values.port), log });
  try {
    const devPid = server.process.pid!;
    const chapters = chaptersFor(SECONDS);
    const aiUrl = `${ai.url}?latency=${L}`;
    // A first tiny run warms the isolate (bundle, D1, the run object's code) before measuring.
    const warm = await server.api("/v1/workflows", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ pipeline: "fanout", input: { chapters: 1, sections: 1, paragraphs: 1 } }),
    });
    await waitForRun(server, ((await warm.json()) as { id: string }).id, { timeoutMs: 60_000 });
    const before = await workerdMemory(devPid);
    const rss = sampleWorkerdRss(devPid);

    // Paused while the clients connect, so every client sees the whole run from its snapshot on.
    const created = await server.api("/v1/workflows", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        pipeline: "fanout",
        input: { chapters, sections: 5, paragraphs: 8, aiUrl },
        options: { concurrency: K },
      }),
    });
    if (created.status !== 202) throw new Error(`create: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    await server.api(`/v1/workflows/${id}/pause`, { method: "POST" });
    const connectErrors: string[] = [];
    const connectStart = Date.now();
    const clients = await connectAll(server, id, connectErrors);
    log(
      `${clients.length} clients connected in ${Date.now() - connectStart} ms; run ${id}, ${chapters} chapters`,
    );
    const delays: number[] = [];
    let answers: Map<string, number> | null = null;
    const received: { node: string; at: number }[] = [];
    for (const client of clients) watch(client, (node, at) => received.push({ node, at }));
    await server.api(`/v1/workflows/${id}/resume`, { method: "POST" });

    const started = Date.now();
    const api = await apiLoad(server, id, started + SECONDS * 1000);
    log(`API load done: ${api.sent} requests`);
    // A run that cannot finish under the load is reported as such, with what was measured.
    const run = await waitForRun(server, id, { timeoutMs: 5 * 60_000, log }).catch((err: unknown) => {
      log(String(err).slice(0, 300));
      return null;
    });
    // Let the last broadcasts arrive.
    const settle = Date.now() + 10_000;
    while (clients.some((c) => !c.done && !c.closedEarly) && Date.now() < settle)
      await new Promise((r) => setTimeout(r, 100));
    const peak = rss.stop();

    answers = new Map(ai.calls(id).map((c) => [c.node, c.at + L]));
    for (const r of received) {
      const answered = answers.get(r.node);
      if (answered !== undefined) delays.push(r.at - answered);
    }
    for (const client of clients) client.socket.close();
    await new Promise((r) => setTimeout(r, 2_000));
    const after = await workerdMemory(devPid);

    const socketErrors = clients.reduce((n, c) => n + c.errors, 0);
    const closedEarly = clients.filter((c) => c.closedEarly).length;
    const lost = clients.reduce((n, c) => n + c.gaps, 0);
    const withoutDone = clients.filter((c) => !c.done).length;
    console.log(
      JSON.stringify({
        clients: CLIENTS,
        context: benchContext(),
        connected: clients.length,
        rps: RPS,
        seconds: SECONDS,
        run: {
          status: run?.status ?? "not finished in 5 min",
          steps: run?.progress.total ?? null,
          ai_calls: ai.calls(id).length,
          makespan_ms: run ? run.finishedAt! - run.createdAt : null,
          latency_ms: L,
          concurrency: K,
        },
        errors: {
          total: connectErrors.length + api.failures.length + socketErrors + closedEarly,
          connect: connectErrors.length,
          api: api.failures.length,
          socket: socketErrors,
          closed_early: closedEarly,
          examples: [...connectErrors, ...api.failures].slice(0, 5),
        },
        lost_messages: lost,
        clients_without_done: withoutDone,
        requests: {
          sent: api.sent,
          sent_rps: Math.round((api.sent / SECONDS) * 10) / 10,
          ...summary(api.latencies),
        },
        broadcast_delay: summary(delays),
        workerd_memory_mb: {
          before: before.totalMb,
          before_anon: before.anonMb,
          peak: peak.totalMb,
          peak_anon: peak.anonMb,
          after: after.totalMb,
          after_anon: after.anonMb,
        },
      }),
    );
  } finally {
    apiAgent.destroy();
    await server.stop();
    await ai.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
