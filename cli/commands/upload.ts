/** `tsumugi upload <file|dir>`: sends a book (a folder is zipped on the fly); shows its TOC and warnings. */
import { readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import type { z } from "zod";
import { createdUploadSchema } from "../../workers/protocol/uploads.ts";
import type { ApiClient } from "../api-client.ts";
import { client, emit, type GlobalOptions } from "../context.ts";
import { CliError, EXIT } from "../errors.ts";
import { bytes, cleanLine, out } from "../output.ts";
import { MAX_UPLOAD_BYTES, zipFolder } from "../zip-folder.ts";

export type Upload = z.output<typeof createdUploadSchema>;

export async function uploadPath(api: ApiClient, path: string): Promise<Upload> {
  const full = resolve(path);
  let info;
  try {
    info = await stat(full);
  } catch {
    throw new CliError(`No such file or folder: ${path}`, EXIT.usage);
  }
  let body: Uint8Array;
  let name: string;
  if (info.isDirectory()) {
    body = (await zipFolder(full)).zip;
    name = `${basename(full)}.zip`;
  } else {
    if (info.size > MAX_UPLOAD_BYTES)
      throw new CliError(`${path} is over the 16 MB upload limit`, EXIT.usage);
    body = new Uint8Array(await readFile(full));
    name = basename(full);
  }
  return api.json(createdUploadSchema, "/v1/uploads", {
    method: "POST",
    query: { name },
    body: new Blob([body]),
    headers: { "Content-Type": "application/octet-stream" },
  });
}

function warningText(warning: unknown): string {
  if (warning && typeof warning === "object") {
    const w = warning as Record<string, unknown>;
    const where =
      typeof w.path === "string" ? ` (${w.path})` : typeof w.file === "string" ? ` (${w.file})` : "";
    if (typeof w.code === "string" || typeof w.message === "string")
      return `${String(w.code ?? "warning")}: ${String(w.message ?? "")}${where}`;
  }
  return typeof warning === "string" ? warning : JSON.stringify(warning);
}

/** The book's table of contents and the split's warnings, for people. */
export function printUpload(upload: Upload, print: (line: string) => void = out): void {
  const b = upload.book;
  print(`Uploaded ${upload.id}: ${cleanLine(upload.name)} (${bytes(upload.bytes)}, ${upload.kind})`);
  print(
    `"${cleanLine(b.title)}" · ${b.format} · ${b.language} · ${b.chapters.length} chapters, ${b.sections} sections, ${b.units} units`,
  );
  b.chapters.forEach((c, i) =>
    print(`  ${String(i + 1).padStart(3)}. ${cleanLine(c.title)}  (${c.sections} sections)`),
  );
  if (upload.warnings.length > 0) {
    print(`${upload.warnings.length} warning(s):`);
    for (const w of upload.warnings) print(`  - ${cleanLine(warningText(w))}`);
  }
}

export function registerUpload(program: Command): void {
  program
    .command("upload <path>")
    .description("upload a book: a Markdown file, a zip, or a folder (zipped on the fly); prints its TOC")
    .action(async (path: string, _opts, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const upload = await uploadPath(await client(), path);
      emit(options, upload, () => {
        printUpload(upload);
        out(`Run it: tsumugi run book ${upload.id}`);
      });
    });
}
