/**
 * Sizes of a `wrangler dev` state folder's SQLite files (with their -wal and -shm), grouped by what
 * owns them: each Durable Object class (`do/<worker>-<Class>`), D1, and wrangler's local trace
 * store (`observability`, present while X_LOCAL_OBSERVABILITY is on). Issue 16 asks whether memory
 * follows run size; these say how much data each part holds at the end of a run.
 */
import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await files(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** MB of SQLite data per owner under `state` (the folder passed to `--persist-to`). */
export async function sqliteSizesMb(state: string): Promise<Record<string, number>> {
  const kb: Record<string, number> = {};
  for (const path of await files(state)) {
    if (!/\.sqlite(-wal|-shm)?$/.test(path)) continue;
    // v3/do/<worker>-<Class>/<id>.sqlite → "do/<worker>-<Class>"; v3/d1/… → "d1"; and so on.
    const parts = relative(state, path)
      .split(sep)
      .filter((p) => p !== "v3");
    const owner = parts[0] === "do" ? `do/${parts[1]}` : (parts[0] ?? "other");
    kb[owner] = (kb[owner] ?? 0) + (await stat(path)).size / 1024;
  }
  return Object.fromEntries(
    Object.entries(kb)
      .sort(([, a], [, b]) => b - a)
      .map(([owner, size]) => [owner, Math.round(size / 102.4) / 10]),
  );
}
