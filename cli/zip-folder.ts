/**
 * A book folder as one zip, made on the fly with fflate (the server takes a Markdown file or a
 * zip). Hidden files and folders (.git, .DS_Store) and node_modules are left out; symbolic links
 * are not followed, so nothing outside the folder can end up in the upload.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { zipSync, type Zippable } from "fflate";
import { CliError, EXIT } from "./errors.ts";

/** The server's limit for an upload. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

export async function zipFolder(root: string): Promise<{ zip: Uint8Array; files: number }> {
  const entries: Zippable = {};
  let files = 0;
  let raw = 0;
  const walk = async (dir: string) => {
    for (const name of (await readdir(dir)).sort()) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const path = join(dir, name);
      const stat = await lstat(path);
      if (stat.isDirectory()) await walk(path);
      else if (stat.isFile()) {
        raw += stat.size;
        if (raw > 2 * MAX_UPLOAD_BYTES) {
          throw new CliError(
            `${root} holds more than ${(2 * MAX_UPLOAD_BYTES) / 2 ** 20} MB`,
            EXIT.usage,
            "Upload the book's own folder.",
          );
        }
        entries[relative(root, path).split(sep).join("/")] = [
          new Uint8Array(await readFile(path)),
          { level: 6 },
        ];
        files++;
      }
    }
  };
  await walk(root);
  if (files === 0) throw new CliError(`${root} has no files to upload`, EXIT.usage);
  const zip = zipSync(entries);
  if (zip.byteLength > MAX_UPLOAD_BYTES) {
    throw new CliError(
      `${root} zips to ${(zip.byteLength / 2 ** 20).toFixed(1)} MB, over the 16 MB upload limit`,
      EXIT.usage,
    );
  }
  return { zip, files };
}
