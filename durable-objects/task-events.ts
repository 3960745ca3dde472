/**
 * TaskEvents — one Durable Object per tenant that fans gateway task events (queued, running,
 * succeeded, failed, dead) out to every open Server-Sent Events stream of that tenant
 * (GET /v1/tasks/events). It keeps no history: GET /v1/tasks/:id is the durable record, the
 * stream is the live signal. Writers whose client went away are dropped on their next write.
 */
import { DurableObject } from "cloudflare:workers";

export type TaskEvent = {
  id: string;
  status: string;
  kind: string;
  priority: number;
  provider?: string | null;
  error?: string | null;
  at: number;
};

const encoder = new TextEncoder();

export class TaskEvents extends DurableObject<Env> {
  private readonly writers = new Set<WritableStreamDefaultWriter<Uint8Array>>();

  override async fetch(): Promise<Response> {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    this.writers.add(writer);
    // A comment line first, so the client sees the stream open before any event.
    void writer.write(encoder.encode(": connected\n\n")).catch(() => this.writers.delete(writer));
    return new Response(readable, {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" },
    });
  }

  /** Reachability probe for GET /health: answers without touching storage. */
  ping(): "pong" {
    return "pong";
  }

  publish(event: TaskEvent): number {
    const chunk = encoder.encode(`event: task\ndata: ${JSON.stringify(event)}\n\n`);
    for (const writer of this.writers) {
      writer.write(chunk).catch(() => {
        // The reader is gone (client closed the stream): stop writing to it.
        this.writers.delete(writer);
      });
    }
    return this.writers.size;
  }
}
