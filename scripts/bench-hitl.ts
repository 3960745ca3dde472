/**
 * npm run bench:hitl [-- --clients 1,100,1000 --samples 20] — human-in-the-loop figures of the
 * manga pipeline with the offline provider, against `wrangler dev` (fresh local state on tmpfs).
 * Prints one JSON object:
 *
 * - `run`: the bundled demo story (samples/manga), 8 pages, `auto` mode: wall time, steps, and
 *   step time summed per handler (where the time went; steps overlap, so sums exceed the wall).
 * - `render`: one page rendered at each of the five qualities (first request renders from the
 *   stored composition; the second is the R2 cache), in ms.
 * - `review_to_preview`: one `dialog` run, paused at its concept gate, watched by 1, 100 and
 *   1,000 WebSocket clients; for each action (a `select` between two kept versions: a new
 *   preview, no provider call) the time from sending it to each client receiving the new
 *   preview message, p50/p99 over all clients and samples per client count — the action sent
 *   as a POST (with the POST's own round trip) and as a `review` message over a live socket. Before that, one `revise` timed to its new preview on one socket: the step's
 *   duration, and the rest (queue hop, dispatch, report back).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startDevServer, waitForRun, type DevServer } from "./lib/dev-server.ts";
import { openRunSocket } from "./lib/live-socket.ts";
import { createdWorkflowSchema, nodePageSchema, workflowDetailSchema } from "../workers/protocol/index.ts";
import { benchContext } from "./lib/bench-context.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "1,100,1000" },
    samples: { type: "string", default: "20" },
    port: { type: "string", default: "8834" },
  },
});
const QUALITIES = ["preview", "low", "medium", "high", "ultra"] as const;
const TARGET_P99_MS: Record<number, number> = { 1: 100, 1000: 250 };
const log = (msg: string) => process.stderr.write(`[bench:hitl] ${msg}\n`);
const story = readFileSync("samples/manga/umibe-no-tegami.md", "utf8");

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

async function startManga(server: DevServer, mode: "auto" | "dialog"): Promise<string> {
  const res = await server.api("/v1/workflows", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ pipeline: "manga", input: { story, pages: 8 }, options: { mode } }),
  });
  if (res.status !== 202) throw new Error(`start: ${res.status} ${await res.text()}`);
  return createdWorkflowSchema.parse(await res.json()).id;
}

async function review(server: DevServer, id: string, gate: string, body: unknown): Promise<void> {
  const res = await server.api(`/v1/workflows/${id}/reviews/${gate}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`review ${gate}: ${res.status} ${await res.text()}`);
}

async function waitUntil(server: DevServer, id: string, ok: (waiting: number) => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const run = workflowDetailSchema.parse(await (await server.api(`/v1/workflows/${id}`)).json());
    if (ok(run.progress.waitingReview)) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(run)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function wholeRun(server: DevServer) {
  const started = Date.now();
  const id = await startManga(server, "auto");
  const run = await waitForRun(server, id, { timeoutMs: 900_000, log });
  if (run.status !== "completed") throw new Error(`auto run ${run.status}: ${run.error}`);
  return {
    id,
    wall_ms: Date.now() - started,
    steps: run.progress.done,
    status: run.status,
    step_ms_by_handler: await stepTimes(server, id),
  };
}

/** Where the run's time went: step durations summed per handler (steps overlap in time). */
async function stepTimes(server: DevServer, id: string) {
  const res = await server.api(`/v1/workflows/${id}/nodes?limit=500`);
  const { nodes } = nodePageSchema.parse(await res.json());
  const out: Record<string, { steps: number; sum_ms: number; max_ms: number }> = {};
  for (const n of nodes) {
    if (n.kind !== "step") continue;
    const row = (out[n.handler] ??= { steps: 0, sum_ms: 0, max_ms: 0 });
    row.steps += 1;
    row.sum_ms += n.durationMs ?? 0;
    row.max_ms = Math.max(row.max_ms, n.durationMs ?? 0);
  }
  return out;
}

async function renders(server: DevServer, id: string) {
  const out: Record<string, { render_ms: number; cached_ms: number }> = {};
  for (const quality of QUALITIES) {
    const timed = async () => {
      const t = performance.now();
      const res = await server.api(`/v1/workflows/${id}/pages/1?quality=${quality}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`page at ${quality}: ${res.status}`);
      return { ms: performance.now() - t, cache: res.headers.get("X-Render-Cache") };
    };
    const first = await timed();
    const second = await timed();
    if (first.cache !== "miss" || second.cache !== "hit")
      throw new Error(`unexpected cache ${first.cache}/${second.cache}`);
    out[quality] = { render_ms: round(first.ms)!, cached_ms: round(second.ms)! };
  }
  return out;
}

async function reviewLatency(server: DevServer, counts: number[], samples: number) {
  const id = await startManga(server, "dialog");
  await waitUntil(server, id, (w) => w === 1);
  // Two kept versions of the concept to switch between (the revise runs the step once, through
  // the queue: timed on one socket, with the step's own duration, the rest being the hop).
  const revise = await timedRevise(server, id);
  const results: Record<string, unknown> = {};
  let version = 2;
  for (const count of counts) {
    log(`${count} clients: connecting`);
    const sockets: WebSocket[] = [];
    const arrivals: number[][] = [];
    let expecting: number | null = null;
    for (let i = 0; i < count; i++) {
      const ws = await openRunSocket(server.base, server.key, id);
      const mine: number[] = [];
      arrivals.push(mine);
      // The arrival time is taken first and the check is cheap: 1,000 sockets share this one
      // Node thread, so a zod parse per message per socket would queue every later socket's
      // arrival behind the earlier ones' parsing and be measured as server latency.
      ws.addEventListener("message", (event) => {
        const at = performance.now();
        const message = JSON.parse(String(event.data)) as {
          type?: string;
          review?: { state?: string; version?: number };
        };
        if (
          message.type === "review" &&
          message.review?.state === "open" &&
          message.review.version === expecting
        )
          mine.push(at);
      });
      sockets.push(ws);
    }
    // One sample: send the action (over HTTP or over the first client's socket), wait for every
    // client's preview; a client that never saw it within 10 s counts as a miss, not a delay.
    const measure = async (over: "http" | "socket") => {
      const delays: number[] = [];
      const answered: number[] = [];
      let missed = 0;
      for (let s = 0; s < samples; s++) {
        version = version === 2 ? 1 : 2;
        expecting = version;
        arrivals.forEach((a) => (a.length = 0));
        const sent = performance.now();
        if (over === "http") {
          await review(server, id, "concept/review", { action: "select", version });
          // The POST's own round trip (auth, the tenant check in D1, the run object's
          // transaction): the preview is broadcast before the answer.
          answered.push(performance.now() - sent);
        } else {
          sockets[0]!.send(
            JSON.stringify({ type: "review", gate: "concept/review", review: { action: "select", version } }),
          );
        }
        const deadline = Date.now() + 10_000;
        while (arrivals.some((a) => a.length === 0) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 2));
        missed += arrivals.filter((a) => a.length === 0).length;
        for (const a of arrivals) if (a.length) delays.push(a[0]! - sent);
      }
      delays.sort((a, b) => a - b);
      answered.sort((a, b) => a - b);
      const p99 = percentile(delays, 99);
      const target = TARGET_P99_MS[count];
      return {
        samples: delays.length,
        missed,
        p50_ms: round(percentile(delays, 50)),
        p99_ms: round(p99),
        ...(over === "http" ? { post_answer_p50_ms: round(percentile(answered, 50)) } : {}),
        ...(target ? { target_p99_ms: target, met: missed === 0 && p99 !== null && p99 < target } : {}),
      };
    };
    results[String(count)] = { http: await measure("http"), socket: await measure("socket") };
    for (const ws of sockets) ws.close();
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    action: "select (new preview, no provider call), sent as a POST and over a live socket",
    clients: results,
    revise,
  };
}

/** A revise of the concept: POST → the new version's preview on one socket, and where it went. */
async function timedRevise(server: DevServer, id: string) {
  const ws = await openRunSocket(server.base, server.key, id);
  let seen: number | null = null;
  ws.addEventListener("message", (event) => {
    const at = performance.now();
    const m = JSON.parse(String(event.data)) as {
      type?: string;
      review?: { state?: string; version?: number };
    };
    if (m.type === "review" && m.review?.state === "open" && m.review.version === 2) seen ??= at;
  });
  const sent = performance.now();
  await review(server, id, "concept/review", { action: "revise", feedback: "quieter" });
  const deadline = Date.now() + 60_000;
  while (seen === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  ws.close();
  if (seen === null) throw new Error("the revised preview never arrived");
  const detail = (await (await server.api(`/v1/workflows/${id}/nodes/concept`)).json()) as {
    durationMs: number | null;
  };
  const total = seen - sent;
  const step = detail.durationMs ?? 0;
  return { to_preview_ms: round(total), step_ms: step, queue_and_dispatch_ms: round(total - step) };
}

async function main() {
  const counts = values.clients.split(",").map(Number);
  const server = await startDevServer({
    port: Number(values.port),
    inspectorPort: String(Number(values.port) + 1),
    log,
  });
  try {
    const run = await wholeRun(server);
    log(`auto run: ${run.wall_ms} ms, ${run.steps} steps`);
    const render = await renders(server, run.id);
    const hitl = await reviewLatency(server, counts, Number(values.samples));
    console.log(
      JSON.stringify(
        {
          bench: "hitl",
          provider: "offline",
          run: {
            story: "samples/manga/umibe-no-tegami.md",
            pages: 8,
            mode: "auto",
            wall_ms: run.wall_ms,
            steps: run.steps,
            step_ms_by_handler: run.step_ms_by_handler,
            seed_budget_ms: 97_000,
          },
          render: { page: 1, qualities: render, target_preview_ms: 2_000 },
          review_to_preview: hitl,
          context: benchContext(),
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
