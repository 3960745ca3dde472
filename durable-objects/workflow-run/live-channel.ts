/**
 * The run's live channel: every change becomes a sequenced message in the event log, written in
 * the same transaction as the change and sent to WebSockets and SSE streams only once that
 * transaction has committed (`flush`). A reconnecting client catches up from its last seq.
 */
import type { ClientMessage, LoggedMessage, ServerMessage } from "../../workers/engine/protocol";
import { liveProtocol } from "./live-protocol";
import type { SqlPort } from "../../workers/engine/graph";
import { sinceAheadError } from "./catch-up";
import { EventLog, type NewEvent } from "./event-log";
import { SseStreams } from "./sse-streams";

export type ProtocolError = { code: string; message: string; details?: unknown; gate?: string };

export class LiveChannel {
  private readonly log: EventLog;
  private readonly sse = new SseStreams();
  /** Messages logged during the current operation, sent once it has been written. */
  private outbox: { message: LoggedMessage; json: string }[] = [];

  constructor(
    sql: SqlPort,
    private readonly broadcast: (json: string) => void,
    private readonly snapshot: (head: number) => ServerMessage,
  ) {
    this.log = new EventLog(sql);
  }

  get head(): number {
    return this.log.head;
  }

  emit(event: NewEvent): void {
    this.outbox.push(this.log.append(event));
  }

  /** How much is queued, to roll back to if the transaction that queued more throws. */
  mark(): number {
    return this.outbox.length;
  }
  rollback(mark: number): void {
    this.outbox.length = mark;
    this.log.reload();
  }

  flush(): void {
    if (this.outbox.length === 0) return;
    const entries = this.outbox;
    this.outbox = [];
    for (const { message, json } of entries) {
      this.broadcast(json);
      this.sse.send(message, json);
    }
  }

  /** What a (re)connecting client needs: what it missed after `since`, or a snapshot. */
  catchUp(since: number | null): ServerMessage[] {
    if (since !== null) {
      if (since > this.log.head) return [sinceAheadError(since, this.log.head), this.snapshot(this.log.head)];
      const missed = this.log.since(since);
      if (missed) return missed;
    }
    return [this.snapshot(this.log.head)];
  }

  /** An SSE stream for the key `keyId` (connection-auth.ts), starting with its catch-up. */
  openStream(since: number | null, keyId: string): Response {
    return this.sse.open(this.catchUp(since), keyId);
  }

  /** The SSE streams, for closing a revoked key's (connection-auth.ts). */
  get streams(): SseStreams {
    return this.sse;
  }

  closeAll(): void {
    this.sse.closeAll();
  }

  /** A protocol `error` message (not logged: it concerns one client). */
  errorMessage(error: ProtocolError): string {
    return JSON.stringify({ type: "error", seq: this.log.head, error });
  }

  /** Parses a client's message; a protocol error for anything that is not one. */
  static parse(raw: string | ArrayBuffer | ArrayBufferView): ClientMessage | ProtocolError {
    if (typeof raw !== "string") return { code: "invalid_message", message: "Messages must be JSON text" };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { code: "invalid_message", message: "Message is not valid JSON" };
    }
    const parsed = liveProtocol().clientMessageSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    return {
      code: "invalid_message",
      message: "Message does not match the protocol",
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
    };
  }
}
