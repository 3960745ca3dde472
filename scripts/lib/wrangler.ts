/**
 * Runs the project's own wrangler (node_modules/.bin, on PATH under `npm run`). stdin is not
 * passed through so wrangler treats the run as non-interactive and applies migrations without
 * a y/N prompt; output is either shown (on stderr) or captured.
 */
import { spawn } from "node:child_process";

/**
 * `wrangler dev` arguments for the whole application: the main Worker first (it serves the port)
 * and the media Worker its MEDIA binding calls, both in one process.
 */
export const WORKER_CONFIGS = ["-c", "wrangler.toml", "-c", "wrangler.media.toml"];

export type WranglerResult = { code: number; stdout: string; stderr: string };

export function runWrangler(args: string[], options: { capture?: boolean } = {}): Promise<WranglerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("wrangler", args, {
      // Shown output goes to stderr: a benchmark's stdout carries only its JSON.
      stdio: ["ignore", options.capture ? "pipe" : 2, options.capture ? "pipe" : "inherit"],
      env: quietWranglerEnv(),
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * wrangler's environment without the noise of an offline machine: no usage metrics, and no
 * fetch of the `Request.cf` object from workers.cloudflare.com (miniflare's
 * CLOUDFLARE_CF_FETCH_ENABLED switch; without network it prints a stack trace per start and
 * falls back to the same placeholder this selects).
 */
export function quietWranglerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? "false",
  };
}

export async function mustRunWrangler(args: string[], options: { capture?: boolean } = {}): Promise<string> {
  const result = await runWrangler(args, options);
  if (result.code !== 0) {
    throw new Error(
      `wrangler ${args.join(" ")} failed (exit ${result.code})\n${result.stderr || result.stdout}`,
    );
  }
  return result.stdout;
}

/** Where a command acts: the local database (optionally in another state folder) or the deployed one. */
export type Target = "local" | "remote" | { persistTo: string };

export function targetArgs(target: Target): string[] {
  if (typeof target === "string")
    return target === "remote" ? ["--remote", "--env", "production"] : ["--local"];
  return ["--local", "--persist-to", target.persistTo];
}

/** Runs one SQL statement against the D1 database and returns its rows. */
export async function d1Query<Row>(sql: string, where: Target): Promise<Row[]> {
  const out = await mustRunWrangler(
    ["d1", "execute", "DB", ...targetArgs(where), "--json", "--command", sql],
    {
      capture: true,
    },
  );
  const parsed: unknown = JSON.parse(out);
  if (!Array.isArray(parsed) || !parsed[0] || !Array.isArray(parsed[0].results)) {
    throw new Error(`Unexpected output from wrangler d1 execute: ${out.slice(0, 200)}`);
  }
  return parsed[0].results as Row[];
}

/** SQL string literal; only used for values this project generates or has validated. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Applies pending D1 migrations to a local database (wrangler's own folder, or `persistTo`)
 * and returns the names of those it applied (none when the database was up to date).
 */
export async function applyLocalMigrations(persistTo?: string): Promise<string[]> {
  const where = persistTo ? ["--persist-to", persistTo] : [];
  const out = await mustRunWrangler(["d1", "migrations", "apply", "DB", "--local", ...where], {
    capture: true,
  });
  const names = [...out.matchAll(/│\s*(\S+\.sql)\s*│/g)].map((match) => match[1]!);
  return [...new Set(names)];
}
