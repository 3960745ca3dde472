/**
 * The platform under fault: `wrangler dev` with its state ON DISK (os.tmpdir(), not tmpfs), so a
 * SIGKILL loses exactly what a crash loses, and helpers that read a run the way a user does.
 * Every wait has a deadline and fails with the run's state, so a stall fails the test clearly.
 */
import { tmpdir } from "node:os";
import { unzipSync, strFromU8 } from "fflate";
import { startDevServer, type DevServer } from "../../../scripts/lib/dev-server.ts";

export type { DevServer };

export type RunJson = {
  id: string;
  status: string;
  error: string | null;
  progress: { total: number; done: number; failed: number; skipped: number; inFlight: number };
  nodes: Record<string, number>;
};

export function startPlatform(port: number, vars: Record<string, string> = {}): Promise<DevServer> {
  return startDevServer({ port, stateParent: tmpdir(), vars });
}

/** After `kill()`: the same state, key and settings, as a restarted machine would have. */
export function restartPlatform(
  crashed: DevServer,
  port: number,
  vars: Record<string, string> = {},
): Promise<DevServer> {
  return startDevServer({ port, vars, reuse: { state: crashed.state, key: crashed.key } });
}

export async function json<T>(res: Response | Promise<Response>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

export async function uploadZip(server: DevServer, name: string, zip: Uint8Array): Promise<string> {
  const res = await server.api(`/v1/uploads?name=${encodeURIComponent(name)}`, { method: "POST", body: zip });
  return (await json<{ id: string }>(res)).id;
}

export async function startRun(server: DevServer, body: Record<string, unknown>): Promise<string> {
  const res = await server.api("/v1/workflows", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await json<{ id: string }>(res)).id;
}

export const getRun = (server: DevServer, id: string) => json<RunJson>(server.api(`/v1/workflows/${id}`));

const FINAL = ["completed", "completed_with_errors", "failed", "cancelled"];

/** Polls until `until(run)` (default: finished); throws with the run's state at the deadline. */
export async function waitFor(
  server: DevServer,
  id: string,
  timeoutMs: number,
  until: (run: RunJson) => boolean = (run) => FINAL.includes(run.status),
): Promise<RunJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(server, id).catch(() => null);
    if (run && until(run)) return run;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms; last state ${JSON.stringify(run)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Artifacts of a run counted by kind (paged). */
export async function artifactKinds(server: DevServer, id: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let after = "";
  for (;;) {
    const page = await json<{ artifacts: { path: string; kind: string }[] }>(
      server.api(
        `/v1/workflows/${id}/artifacts?limit=1000${after ? `&after=${encodeURIComponent(after)}` : ""}`,
      ),
    );
    for (const a of page.artifacts) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
    if (page.artifacts.length < 1000) return counts;
    after = page.artifacts.at(-1)!.path;
  }
}

export type Manifest = {
  files: { path: string }[];
  providers: { provider: string; model: string; steps: number }[];
};

/** export.zip: every file the manifest lists must be in it. */
export async function exportManifest(server: DevServer, id: string): Promise<Manifest> {
  const res = await server.api(`/v1/workflows/${id}/export.zip`);
  if (!res.ok) throw new Error(`export.zip: ${res.status} ${await res.text()}`);
  const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const manifest = JSON.parse(strFromU8(zip["manifest.json"]!)) as Manifest;
  const missing = manifest.files.filter((f) => !zip[f.path]).map((f) => f.path);
  if (missing.length) throw new Error(`export.zip lacks ${missing.length} files, e.g. ${missing[0]}`);
  return manifest;
}

/** Node counts by handler, from GET /v1/workflows/:id/nodes. */
export async function nodesByHandler(server: DevServer, id: string) {
  const counts: Record<string, number> = {};
  const attempts: Record<string, number> = {};
  const status: Record<string, string> = {};
  let after = 0;
  for (;;) {
    const page = await json<{
      nodes: { handler: string | null; kind: string; status: string; attempts: number; id: string }[];
      nextAfter: number | null;
    }>(server.api(`/v1/workflows/${id}/nodes?after=${after}&limit=500`));
    for (const n of page.nodes) {
      const k = n.handler ?? n.kind;
      counts[k] = (counts[k] ?? 0) + 1;
      attempts[n.id] = n.attempts;
      status[n.id] = n.status;
    }
    if (page.nextAfter === null) return { counts, attempts, status };
    after = page.nextAfter;
  }
}

/** The run's state plus its failed nodes and their errors: the message of a failed assertion. */
export async function explain(server: DevServer, id: string): Promise<string> {
  const run = await getRun(server, id);
  const failed = await json<{ nodes: { id: string; attempts: number; error: string | null }[] }>(
    server.api(`/v1/workflows/${id}/nodes?status=failed&limit=10`),
  );
  return JSON.stringify({
    status: run.status,
    progress: run.progress,
    failed: failed.nodes.map((n) => ({ id: n.id, attempts: n.attempts, error: n.error?.slice(0, 400) })),
  });
}
