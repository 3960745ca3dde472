/**
 * A throwaway local platform for scripts (demo, benchmarks, the fault suite): fresh state,
 * migrations applied, an API key, and `wrangler dev` on a port of its own, stopped and removed
 * again by `stop()`. `kill()` crashes it instead (SIGKILL, state kept), and `reuse` starts it
 * again on that state, as after a machine failure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workflowDetailSchema, type WorkflowDetail } from "../../workers/protocol/workflows.ts";
import { createKey } from "./keys.ts";
import { mustRunWrangler, quietWranglerEnv, WORKER_CONFIGS } from "./wrangler.ts";

export type DevServer = {
  base: string;
  key: string;
  state: string;
  process: ChildProcess;
  /** fetch against the server with the key. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Stops wrangler dev and workerd and deletes the state. */
  stop(): Promise<void>;
  /** SIGKILLs wrangler dev and workerd (no shutdown of any kind); the state stays on disk. */
  kill(): Promise<void>;
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
  /** Extra variables (`--var NAME:VALUE`), e.g. a provider's key and base URL. */
  vars?: Record<string, string>;
  /** Start on this existing state with its key (after `kill()`), instead of a fresh one. */
  reuse?: { state: string; key: string };
  /** Serve `/__scheduled` so a script can run the Cron Trigger (`wrangler dev --test-scheduled`). */
  testScheduled?: boolean;
  /**
   * wrangler's local trace collector (X_LOCAL_OBSERVABILITY; see docs/benchmarks.md, issue 16).
   * Unset: whatever this process's environment says (on unless X_LOCAL_OBSERVABILITY=false).
   */
  localObservability?: boolean;
  log?: (msg: string) => void;
  /** Also hands wrangler's stderr (where the Worker's warnings and errors appear) to this. */
  onStderr?: (text: string) => void;
}): Promise<DevServer> {
  const parent = options.stateParent ?? (existsSync("/dev/shm") ? "/dev/shm" : tmpdir());
  let state: string;
  let key: string;
  if (options.reuse) {
    ({ state, key } = options.reuse);
  } else {
    state = await mkdtemp(join(parent, "tsumugi-"));
    options.log?.(`local state in ${state}`);
    await mustRunWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
      capture: true,
    });
    ({ key } = await createKey({ name: "script", where: { persistTo: state } }));
  }
  // wrangler's default inspector port (9229) is shared by every wrangler dev on the machine: a
  // second server would fail to start. Each server takes one derived from its own port.
  const inspect = ["--inspector-port", options.inspectorPort ?? String(options.port + 20_000)];
  const vars = Object.entries(options.vars ?? {}).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const dev = spawn(
    "wrangler",
    [
      "dev",
      ...WORKER_CONFIGS,
      "--port",
      String(options.port),
      "--persist-to",
      state,
      "--log-level",
      "warn",
      ...inspect,
      ...vars,
      ...(options.testScheduled ? ["--test-scheduled"] : []),
    ],
    {
      stdio: ["ignore", "ignore", options.onStderr ? "pipe" : "inherit"],
      env: {
        ...quietWranglerEnv(),
        ...(options.localObservability === undefined
          ? {}
          : { X_LOCAL_OBSERVABILITY: String(options.localObservability) }),
      },
      // Its own process group: kill() and stop() reach workerd too, by the group's id.
      detached: true,
    },
  );
  if (options.onStderr) {
    const onStderr = options.onStderr;
    dev.stderr?.setEncoding("utf8");
    dev.stderr?.on("data", (text: string) => {
      process.stderr.write(text);
      onStderr(text);
    });
  }
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-dev.pid!, signal);
    } catch {
      // already gone
    }
  };
  // Never leave a wrangler dev behind when the script or test process ends abruptly.
  const onExit = () => signalGroup("SIGKILL");
  process.once("exit", onExit);
  const exited = new Promise<void>((resolve) => {
    if (dev.exitCode !== null || dev.signalCode !== null) resolve();
    else dev.once("exit", () => resolve());
  });
  const base = `http://127.0.0.1:${options.port}`;
  const kill = async () => {
    signalGroup("SIGKILL");
    await exited;
    process.off("exit", onExit);
  };
  const stop = async () => {
    signalGroup("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    signalGroup("SIGKILL");
    process.off("exit", onExit);
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
    kill,
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
