/**
 * A defensive zip reader. The central directory is read first (so the file count and declared
 * sizes are checked before anything is inflated), then each entry is inflated in small chunks
 * while the real output is counted, because declared sizes in a hostile zip can lie.
 */
import { Inflate } from "fflate";
import { BookInputError } from "../errors.ts";
import { defaultBookLimits, type BookLimits } from "../limits.ts";
import { isJunkPath, safeZipPath } from "./zip-path.ts";

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
  isDirectory: boolean;
  isSymlink: boolean;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
// Deflate's ratio is at most ~1032:1, so a push of n bytes makes at most ~1032 n bytes before the
// limits can be checked. Pushes start at 1 KiB (≤ ~1 MiB out) and grow only while the output so
// far leaves room under the ratio, up to 8 KiB (≤ ~8 MiB out, one file's limit): a bomb is
// stopped after ~1 MiB, and ordinary text is not inflated in slow, tiny steps.
const DEFLATE_MAX_RATIO = 1032;
const MIN_PUSH_BYTES = 1024;
const MAX_PUSH_BYTES = 8 * 1024;

function invalid(message: string, cause?: unknown): BookInputError {
  return new BookInputError("invalid_zip", message, undefined, cause === undefined ? undefined : { cause });
}

function totalTooLarge(limits: BookLimits): BookInputError {
  return new BookInputError("too_large", `Zip contents exceed ${limits.maxTotalBytes} bytes`, {
    limit: limits.maxTotalBytes,
  });
}

function findEndOfCentralDirectory(view: DataView): number {
  // The EOCD record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) return i;
  }
  throw invalid("Not a zip file (no end of central directory record)");
}

function readCentralDirectory(bytes: Uint8Array, limits: BookLimits): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new BookInputError("unsupported_zip", "Zip64 archives are not supported; a book never needs one");
  }
  if (count > limits.maxFiles) {
    throw new BookInputError("too_many_files", `Zip has ${count} entries; the limit is ${limits.maxFiles}`, {
      entries: count,
      limit: limits.maxFiles,
    });
  }
  if (offset + size > bytes.byteLength) throw invalid("Zip central directory lies outside the file");
  const decoder = new TextDecoder();
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw invalid("Zip central directory is corrupt");
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const externalAttributes = view.getUint32(at + 38, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Unix mode lives in the high 16 bits; 0o120000 is a symbolic link.
    const unixMode = externalAttributes >>> 16;
    entries.push({
      name,
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      declaredSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
      isDirectory: name.endsWith("/") || name.endsWith("\\"),
      isSymlink: (unixMode & 0o170000) === 0o120000,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Uint8Array, entry: CentralEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_SIGNATURE) {
    throw invalid(`Zip entry "${entry.name}" has no local header`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw invalid(`Zip entry "${entry.name}" is truncated`);
  return bytes.subarray(start, end);
}

function inflateCounted(
  data: Uint8Array,
  entry: CentralEntry,
  budget: number,
  limits: BookLimits,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let consumed = 0;
  const bomb = (): never => {
    throw new BookInputError(
      "compression_bomb",
      `Zip entry "${entry.name}" inflates beyond the limits (${total} bytes from ${data.byteLength})`,
      {
        entry: entry.name,
        compressedBytes: data.byteLength,
        limitBytes: Math.min(budget, limits.maxFileBytes),
      },
    );
  };
  const inflater = new Inflate((chunk) => {
    total += chunk.byteLength;
    if (total > budget) throw totalTooLarge(limits);
    if (total > limits.maxFileBytes) bomb();
    // From the first byte: output so far against compressed input read so far.
    if (total > limits.maxCompressionRatio * Math.max(consumed, limits.ratioMinCompressedBytes)) bomb();
    chunks.push(chunk);
  });
  try {
    while (consumed < data.byteLength) {
      const room = limits.maxCompressionRatio * Math.max(consumed, limits.ratioMinCompressedBytes) - total;
      const size = Math.min(MAX_PUSH_BYTES, Math.max(MIN_PUSH_BYTES, Math.floor(room / DEFLATE_MAX_RATIO)));
      const start = consumed;
      consumed = Math.min(data.byteLength, start + size);
      inflater.push(data.subarray(start, consumed), consumed >= data.byteLength);
    }
  } catch (err) {
    if (err instanceof BookInputError) throw err;
    throw invalid(`Zip entry "${entry.name}" is not valid deflate data`, err);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads every file of a zip into memory, checking limits as it goes. Directories, symlinks and
 * archiver junk (`__MACOSX/`, `.DS_Store`) are skipped. Throws `BookInputError` with
 * `invalid_zip`, `unsupported_zip`, `zip_path_traversal`, `too_many_files`, `too_large` or
 * `compression_bomb`.
 *
 * @example
 * const files = readZip(new Uint8Array(await request.arrayBuffer()));
 * files.get("book/src/SUMMARY.md");
 */
export function readZip(bytes: Uint8Array, limits: BookLimits = defaultBookLimits): Map<string, Uint8Array> {
  if (bytes.byteLength > limits.maxInputBytes) {
    throw new BookInputError(
      "too_large",
      `Zip is ${bytes.byteLength} bytes; the limit is ${limits.maxInputBytes}`,
      {
        size: bytes.byteLength,
        limit: limits.maxInputBytes,
      },
    );
  }
  const entries = readCentralDirectory(bytes, limits);
  // Path checks come first for every entry, so a traversal is reported even beside a bomb.
  const paths = entries.map((entry) => safeZipPath(entry.name));
  const files = new Map<string, Uint8Array>();
  let total = 0;
  entries.forEach((entry, index) => {
    const path = paths[index] ?? "";
    if (entry.isDirectory || entry.isSymlink || path === "" || isJunkPath(path)) return;
    if (entry.flags & 0x1) {
      throw new BookInputError("unsupported_zip", `Zip entry "${entry.name}" is encrypted`, {
        entry: entry.name,
      });
    }
    if (entry.declaredSize > limits.maxFileBytes) {
      throw new BookInputError("too_large", `Zip entry "${entry.name}" is ${entry.declaredSize} bytes`, {
        entry: entry.name,
        size: entry.declaredSize,
        limit: limits.maxFileBytes,
      });
    }
    const data = entryData(bytes, entry);
    let content: Uint8Array;
    if (entry.method === 0) content = data.slice();
    else if (entry.method === 8) content = inflateCounted(data, entry, limits.maxTotalBytes - total, limits);
    else {
      throw new BookInputError(
        "unsupported_zip",
        `Zip entry "${entry.name}" uses compression method ${entry.method}; only stored and deflate are supported`,
        { entry: entry.name, method: entry.method },
      );
    }
    total += content.byteLength;
    if (total > limits.maxTotalBytes) throw totalTooLarge(limits);
    files.set(path, content);
  });
  return files;
}
