/**
 * A throwaway local platform for scripts (demo, benchmarks): fresh state, migrations applied, an
 * API key, and `wrangler dev` on a port of its own, stopped and removed again by `stop()`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workflowDetailSchema, type WorkflowDetail } from "../../workers/protocol/workflows.ts";
import { createKey } from "./keys.ts";
import { mustRunWrangler, quietWranglerEnv } from "./wrangler.ts";

export type DevServer = {
  base: string;
  key: string;
  state: string;
  process: ChildProcess;
  /** fetch against the server with the key. */
  api(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
};

export async function startDevServer(options: {
  port: number;
  /**
   * Parent folder of the state. Defaults to tmpfs (/dev/shm) when there is one: on disk every
   * Durable Object commit waits for an fsync (about 2 ms on this kind of VM), a local-dev cost
   * that would dominate the figures (see docs/benchmarks.md).
   */
  stateParent?: string;
  inspectorPort?: string;
  log?: (msg: string) => void;
}): Promise<DevServer> {
  const parent = options.stateParent ?? (existsSync("/dev/shm") ? "/dev/shm" : tmpdir());
  const state = await mkdtemp(join(parent, "tsumugi-"));
  options.log?.(`local state in ${state}`);
  await mustRunWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    capture: true,
  });
  const { key } = await createKey({ name: "script", where: { persistTo: state } });
  const inspect = options.inspectorPort ? ["--inspector-port", options.inspectorPort] : [];
  const dev = spawn(
    "wrangler",
    ["dev", "--port", String(options.port), "--persist-to", state, "--log-level", "warn", ...inspect],
    { stdio: ["ignore", "ignore", "inherit"], env: quietWranglerEnv() },
  );
  const base = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    dev.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await rm(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || dev.exitCode !== null) {
      await stop();
      throw new Error("wrangler dev did not become healthy");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    key,
    state,
    process: dev,
    api: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("Authorization", `Bearer ${key}`);
      return fetch(base + path, { ...init, headers });
    },
    stop,
  };
}

/** GET /v1/workflows/:id as the protocol describes it. */
export type RunState = WorkflowDetail;

/** Polls a run until it has finished. */
export async function waitForRun(
  server: DevServer,
  id: string,
  options: { timeoutMs: number; log?: (msg: string) => void },
): Promise<RunState> {
  const deadline = Date.now() + options.timeoutMs;
  let lastLog = 0;
  for (;;) {
    const run = workflowDetailSchema.parse(await (await server.api(`/v1/workflows/${id}`)).json());
    if (run.finishedAt) return run;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(run)}`);
    if (options.log && Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      options.log(`${run.progress.done}/${run.progress.total} nodes done`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
