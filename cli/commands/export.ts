/**
 * `tsumugi export <id> [-o dir]`: downloads the run's export.zip and unpacks it as it streams in
 * (fflate), refusing entries that would land outside the folder.
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, resolve, sep } from "node:path";
import type { Command } from "commander";
import { Unzip, UnzipInflate, type UnzipFile } from "fflate";
import type { ApiClient } from "../api-client.ts";
import { client, emit, type GlobalOptions } from "../context.ts";
import { CliError, EXIT } from "../errors.ts";
import { bytes, info, out } from "../output.ts";
import { runId } from "./watch.ts";

/** Where an entry goes below `root`, or null for a name that would escape it. */
export function entryPath(root: string, name: string): string | null {
  if (!name || isAbsolute(name) || name.includes("\\") || name.includes("\0")) return null;
  const path = normalize(join(root, name));
  return path.startsWith(root + sep) ? path : null;
}

export async function exportRun(
  api: ApiClient,
  id: string,
  dir: string,
): Promise<{ files: string[]; bytes: number }> {
  const root = resolve(dir);
  const res = await api.request(`/v1/workflows/${id}/export.zip`);
  if (!res.body) throw new CliError("The export answer has no body", EXIT.failed);
  await mkdir(root, { recursive: true });
  const files: string[] = [];
  const writes: Promise<void>[] = [];
  let failure: unknown = null;
  let total = 0;
  const unzip = new Unzip((file: UnzipFile) => {
    if (file.name.endsWith("/")) return;
    const path = entryPath(root, file.name);
    if (!path) {
      failure ??= new CliError(`The export holds an entry outside its folder: ${file.name}`, EXIT.failed);
      return;
    }
    files.push(path);
    // Started here, synchronously: fflate hands over an entry's bytes as they stream past.
    mkdirSync(dirname(path), { recursive: true });
    const stream = createWriteStream(path);
    writes.push(
      new Promise<void>((ok, fail) => {
        stream.on("close", ok);
        stream.on("error", fail);
      }),
    );
    file.ondata = (err, chunk, final) => {
      if (err) {
        failure ??= err;
        stream.destroy();
        return;
      }
      total += chunk.byteLength;
      stream.write(chunk);
      if (final) stream.end();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of res.body) unzip.push(chunk as Uint8Array);
  unzip.push(new Uint8Array(0), true);
  await Promise.all(writes);
  if (failure)
    throw failure instanceof CliError
      ? failure
      : new CliError(`Could not unpack the export: ${String(failure)}`, EXIT.failed);
  return { files, bytes: total };
}

export function registerExport(program: Command): void {
  program
    .command("export <id>")
    .description("download a run's files (export.zip) and unpack them")
    .option("-o, --out <dir>", "the folder to unpack into (default: ./<id>)")
    .action(async (id: string, flags: { out?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const dir = flags.out ?? runId(id);
      const checked = runId(id);
      const result = await exportRun(await client(), checked, dir);
      emit(options, { dir: resolve(dir), files: result.files.length, bytes: result.bytes }, () => {
        out(`${result.files.length} files (${bytes(result.bytes)}) in ${resolve(dir)}`);
        if (result.files.some((f) => f.endsWith(`${sep}manifest.json`)))
          info(`Contents: ${join(resolve(dir), "manifest.json")}`);
      });
    });
}
