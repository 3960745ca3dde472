/**
 * The run's Server-Sent Event streams: the same messages as its WebSockets, framed with their
 * seq as the event id so EventSource resumes with Last-Event-ID. These streams keep the object
 * awake (unlike hibernating WebSockets); a client that went away is dropped at the next write.
 */
import type { ServerMessage } from "../../workers/engine/protocol";

const encoder = new TextEncoder();

/** A seq from a query parameter or Last-Event-ID header, or null when absent or invalid. */
export function parseSeq(value: string | null): number | null {
  if (value === null || value === "") return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function frame(message: ServerMessage, json: string): string {
  return `id: ${message.seq}\nevent: ${message.type}\ndata: ${json}\n\n`;
}

export class SseStreams {
  /** Each open stream's writer, with the id of the API key that opened it. */
  private readonly writers = new Map<WritableStreamDefaultWriter<Uint8Array>, string | null>();

  get size(): number {
    return this.writers.size;
  }

  /** A new stream that starts with `initial` (what the client missed, or a snapshot). */
  open(initial: ServerMessage[], keyId: string | null = null): Response {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const first = initial.map((m) => frame(m, JSON.stringify(m))).join("");
    void writer.write(encoder.encode(`retry: 2000\n\n${first}`)).catch(() => this.writers.delete(writer));
    this.writers.set(writer, keyId);
    return new Response(readable, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Accel-Buffering": "no",
      },
    });
  }

  send(message: ServerMessage, json: string): void {
    if (this.writers.size === 0) return;
    const bytes = encoder.encode(frame(message, json));
    for (const writer of this.writers.keys()) writer.write(bytes).catch(() => this.writers.delete(writer));
  }

  closeAll(): void {
    for (const writer of this.writers.keys()) void writer.close().catch(() => undefined);
    this.writers.clear();
  }

  /** The distinct keys with an open stream. */
  keyIds(): string[] {
    return [...new Set([...this.writers.values()].filter((id): id is string => id !== null))];
  }

  /** Ends every stream opened with `keyId`, after a last message (why it ends). */
  closeKey(keyId: string, last: ServerMessage): number {
    const bytes = encoder.encode(frame(last, JSON.stringify(last)));
    let closed = 0;
    for (const [writer, owner] of this.writers) {
      if (owner !== keyId) continue;
      this.writers.delete(writer);
      closed++;
      void writer
        .write(bytes)
        .then(() => writer.close())
        .catch(() => undefined);
    }
    return closed;
  }
}
