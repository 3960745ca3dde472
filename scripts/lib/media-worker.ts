/**
 * The media Worker (wrangler.media.toml) bundled to .wrangler/media-worker/, for the vitest
 * integration: its auxiliary Workers run from built JavaScript (wrangler dev builds from source
 * itself). Rebuilt only when the media sources, the config or the lock file are newer than the
 * bundle, since every `vitest run` sets it up.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { mustRunWrangler } from "./wrangler.ts";

export const MEDIA_WORKER_DIR = ".wrangler/media-worker";
export const MEDIA_WORKER_SCRIPT = `${MEDIA_WORKER_DIR}/index.js`;

function newestIn(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestIn(join(path, name))));
}

/** The built modules as Miniflare lists them (entry first); call after buildMediaWorker(). */
export function mediaWorkerModules(): { type: "ESModule" | "CompiledWasm" | "Data"; path: string }[] {
  const files = readdirSync(MEDIA_WORKER_DIR);
  const typeOf = (name: string) =>
    name.endsWith(".js") ? "ESModule" : name.endsWith(".wasm") ? "CompiledWasm" : "Data";
  return [
    { type: "ESModule" as const, path: MEDIA_WORKER_SCRIPT },
    ...files
      .filter((name) => /\.(wasm|otf)$/.test(name))
      .map((name) => ({ type: typeOf(name), path: join(MEDIA_WORKER_DIR, name) }) as const),
  ];
}

export async function buildMediaWorker(): Promise<string> {
  // The service also runs the page checks, the review diffs, the knowledge readers
  // and the sandbox's loop guard.
  const sources = [
    "workers/media",
    "workers/pipelines/page",
    "workers/pipelines/generators",
    "workers/knowledge",
    "workers/sandbox",
    "wrangler.media.toml",
    "package-lock.json",
  ];
  const builtAt = existsSync(MEDIA_WORKER_SCRIPT) ? statSync(MEDIA_WORKER_SCRIPT).mtimeMs : 0;
  if (sources.some((path) => newestIn(path) > builtAt)) {
    await mustRunWrangler(
      ["deploy", "--dry-run", "-c", "wrangler.media.toml", "--outdir", MEDIA_WORKER_DIR],
      { capture: true },
    );
  }
  return MEDIA_WORKER_SCRIPT;
}
