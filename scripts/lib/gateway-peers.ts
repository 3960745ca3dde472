/**
 * Peers for `npm run bench:gateway -- --peers`, measured against the same fake upstream in the
 * same minutes as Tsumugi's gateway:
 *
 * - **passthrough**: a Worker that only forwards the body with one `fetch`
 *   (scripts/bench/passthrough-worker.ts) under its own `wrangler dev`: the local runtime's cost
 *   of a request with one subrequest, i.e. the part of "added latency" no gateway code on
 *   workerd can remove;
 * - **portkey**: Portkey's open-source AI gateway (`@portkey-ai/gateway`, Node), the issue's
 *   peer. It is not a dependency of this project: the first `--peers` run installs the pinned
 *   version into node_modules/.cache/bench-peers (the npm registry must be reachable), later runs
 *   reuse it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { quietWranglerEnv } from "./wrangler.ts";

export const PORTKEY_VERSION = "1.15.2";
const PEERS_DIR = resolve("node_modules/.cache/bench-peers");

export type Peer = { name: string; url: string; headers: Record<string, string>; process: ChildProcess };

async function waitForAnswer(url: string, child: ChildProcess, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start listening in 60 s`);
}

function run(command: string, args: string[], cwd?: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", 2, "inherit"] });
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(" ")}: exit ${code}`)),
    );
  });
}

/** The passthrough Worker under its own `wrangler dev` (state in `stateDir`). */
export async function startPassthrough(
  port: number,
  upstreamChatUrl: string,
  stateDir: string,
): Promise<Peer> {
  const child = spawn(
    "wrangler",
    [
      "dev",
      "--config",
      "scripts/bench/passthrough.wrangler.toml",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(port + 1),
      "--persist-to",
      stateDir,
      "--log-level",
      "warn",
      "--var",
      `UPSTREAM_URL:${upstreamChatUrl}`,
    ],
    { stdio: ["ignore", 2, "inherit"], env: quietWranglerEnv() },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForAnswer(url, child, "the passthrough Worker's wrangler dev");
  return { name: "passthrough", url: `${url}/v1/chat/completions`, headers: {}, process: child };
}

/** Portkey's gateway on `port`, sending OpenAI requests to `upstreamBaseUrl` (…/v1). */
export async function startPortkey(port: number, upstreamBaseUrl: string): Promise<Peer> {
  const dir = join(PEERS_DIR, `portkey-gateway-${PORTKEY_VERSION}`);
  const entry = join(dir, "node_modules/@portkey-ai/gateway/build/start-server.js");
  if (!existsSync(entry)) {
    await mkdir(dir, { recursive: true });
    await run("npm", [
      "install",
      "--prefix",
      dir,
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      `@portkey-ai/gateway@${PORTKEY_VERSION}`,
    ]);
  }
  // Portkey prints a line per request on stdout: discarded, so this benchmark's stdout stays JSON.
  const child = spawn(process.execPath, [entry, `--port=${port}`], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForAnswer(url, child, "Portkey's gateway");
  return {
    name: "portkey",
    url: `${url}/v1/chat/completions`,
    headers: { "x-portkey-provider": "openai", "x-portkey-custom-host": upstreamBaseUrl },
    process: child,
  };
}
