/**
 * Running the built `tsumugi` as a user would: a child process of the machine's own Node (the
 * first `node` on PATH outside node_modules — Node 20 here, not the project's Node 22), with a
 * config folder of its own, against a throwaway `wrangler dev` (scripts/lib/dev-server.ts).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const BIN = resolve("cli/bin/tsumugi.js");

/** The node a user's shell would run: PATH without npm's node_modules/.bin entries. */
export function systemNode(): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (!dir || dir.includes("node_modules")) continue;
    const candidate = join(dir, "node");
    if (existsSync(candidate)) return candidate;
  }
  return process.execPath;
}

export type CliEnv = Record<string, string | undefined>;

export type CliResult = { code: number; stdout: string; stderr: string };

export function tsumugi(
  args: string[],
  options: { env?: CliEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(systemNode(), [BIN, ...args], {
      cwd: options.cwd,
      // A clean environment: only what a user's shell would surely have, plus the test's own.
      // (worker-configuration.d.ts widens ProcessEnv with the Worker's vars, hence the cast.)
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env } as unknown as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`tsumugi ${args.join(" ")} timed out\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** C0/C1 control characters other than newline (ANSI escapes start with one). */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
