/**
 * A zip written as a stream: entries are added one after another from R2 object streams, so an
 * export of any size never sits in memory whole. Already-compressed files (PNG) are stored;
 * everything else is deflated.
 */
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

export type ZipEntry = {
  path: string;
  body: ReadableStream<Uint8Array> | Uint8Array | string;
  compress?: boolean;
};

export function zipStream(entries: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  let failed: unknown = null;
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      failed = err;
      return;
    }
    void writer.write(chunk);
    if (final) void writer.close();
  });
  (async () => {
    for await (const entry of entries) {
      const file =
        entry.compress === false ? new ZipPassThrough(entry.path) : new ZipDeflate(entry.path, { level: 6 });
      zip.add(file);
      if (typeof entry.body === "string" || entry.body instanceof Uint8Array) {
        file.push(typeof entry.body === "string" ? new TextEncoder().encode(entry.body) : entry.body, true);
        continue;
      }
      const reader = entry.body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        file.push(value);
        // Let the writer drain before reading more, so a slow client bounds memory.
        await writer.ready;
      }
      file.push(new Uint8Array(0), true);
      if (failed) throw failed;
    }
    zip.end();
  })().catch((err: unknown) => {
    // The response has started; the only honest signal left is to abort the stream.
    void writer.abort(err);
  });
  return readable;
}
