/**
 * Runs a generated book through the API inside workerd and reads back what a user would check:
 * the upload's split, the run's end state, the nodes by handler, the artifacts by kind. Waiting
 * fails fast on a stall (nothing finishes and nothing is in flight for `stallMs`) with the run's
 * state in the message, instead of hanging until the test's timeout.
 */
import { createdUploadSchema, type CreatedUpload } from "../../workers/protocol/uploads";
import { api, authed } from "../support/api";
import { getRun, startRun, type RunJson } from "../support/workflows";
import type { BookShape } from "./book-shapes";

export type Uploaded = CreatedUpload;

export async function uploadBook(key: string, shape: BookShape): Promise<Uploaded> {
  const res = await api(
    `/v1/uploads?name=${encodeURIComponent(shape.name)}`,
    authed(key, { method: "POST", body: shape.zip }),
  );
  if (res.status !== 201) throw new Error(`upload ${shape.name}: ${res.status} ${await res.text()}`);
  return createdUploadSchema.parse(await res.json());
}

const FINAL = ["completed", "completed_with_errors", "failed", "cancelled"];

export async function runToEnd(
  key: string,
  upload: string,
  options: { timeoutMs: number; stallMs?: number },
): Promise<{ id: string; run: RunJson; elapsedMs: number }> {
  const started = Date.now();
  const id = await startRun(key, { pipeline: "book", input: { upload } });
  const stallMs = options.stallMs ?? 30_000;
  let lastFinished = -1;
  let lastChange = Date.now();
  for (;;) {
    const run = await getRun(key, id);
    if (FINAL.includes(run.status)) return { id, run, elapsedMs: Date.now() - started };
    const p = run.progress;
    const finished = p.done + p.failed + p.skipped;
    if (finished !== lastFinished) {
      lastFinished = finished;
      lastChange = Date.now();
    }
    const stalled = Date.now() - lastChange > stallMs && p.inFlight <= 0;
    if (stalled || Date.now() - started > options.timeoutMs) {
      const failed = await nodesWith(key, id, "failed", 5);
      const retrying = await nodesWith(key, id, "retry_wait", 5);
      throw new Error(
        `${stalled ? `run stalled (nothing finished for ${stallMs} ms, nothing in flight)` : "run timed out"}: ` +
          JSON.stringify({ status: run.status, progress: p, nodes: run.nodes, failed, retrying }),
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

type NodeRow = {
  seq: number;
  id: string;
  handler: string | null;
  kind: string;
  status: string;
  error: string | null;
  attempts: number;
};

async function nodesWith(key: string, id: string, status: string, limit: number) {
  const res = await api(`/v1/workflows/${id}/nodes?status=${status}&limit=${limit}`, authed(key));
  const rows = (await res.json<{ nodes: NodeRow[] }>()).nodes ?? [];
  return rows.map((n) => ({ id: n.id, attempts: n.attempts, error: n.error?.slice(0, 300) }));
}

/** Every node of the run, paged through GET /v1/workflows/:id/nodes. */
export async function allNodes(key: string, id: string): Promise<NodeRow[]> {
  const out: NodeRow[] = [];
  let after = 0;
  for (;;) {
    const res = await api(`/v1/workflows/${id}/nodes?after=${after}&limit=500`, authed(key));
    const page = await res.json<{ nodes: NodeRow[]; nextAfter: number | null }>();
    out.push(...page.nodes);
    if (page.nextAfter === null) return out;
    after = page.nextAfter;
  }
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** How many artifacts of each kind the run indexed (paged, 1,000 at a time). */
export async function artifactKinds(key: string, id: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let after = "";
  for (;;) {
    const query = `limit=1000${after ? `&after=${encodeURIComponent(after)}` : ""}`;
    const res = await api(`/v1/workflows/${id}/artifacts?${query}`, authed(key));
    const rows = (await res.json<{ artifacts: { path: string; kind: string }[] }>()).artifacts;
    for (const row of rows) counts[row.kind] = (counts[row.kind] ?? 0) + 1;
    if (rows.length < 1000) return counts;
    after = rows[rows.length - 1]!.path;
  }
}

/** One artifact's JSON by kind (the first of that kind). */
export async function artifactJson<T>(key: string, id: string, kind: string): Promise<T> {
  const res = await api(`/v1/workflows/${id}/artifacts?kind=${kind}&limit=1`, authed(key));
  const [row] = (await res.json<{ artifacts: { url: string }[] }>()).artifacts;
  if (!row) throw new Error(`no ${kind} artifact`);
  return (await api(row.url, authed(key))).json<T>();
}
