/**
 * The run's event log: every live message gets the next sequence number and is stored, so a
 * client that reconnects with the last seq it saw gets exactly what it missed. The newest
 * RETAINED_EVENTS are kept; a client further behind gets a fresh snapshot instead.
 */
import type { SqlPort } from "../../workers/engine/graph";
import type { LoggedMessage } from "../../workers/engine/protocol";

export const RETAINED_EVENTS = 20_000;
const PRUNE_EVERY = 1_000;

type Unsequenced<T> = T extends { seq: number } ? Omit<T, "seq"> : never;
export type NewEvent = Unsequenced<LoggedMessage>;

export class EventLog {
  private last: number;
  private sincePrune = 0;

  constructor(private readonly sql: SqlPort) {
    this.last = 0;
    this.reload();
  }

  /** Reads the head again (on load, and after a rolled-back transaction). */
  reload(): void {
    this.last = Number(this.sql.exec("SELECT coalesce(max(seq), 0) AS s FROM events").one().s);
  }

  get head(): number {
    return this.last;
  }

  /** Stores the event under the next seq; returns it with its JSON (sent as is to clients). */
  append(event: NewEvent): { message: LoggedMessage; json: string } {
    const message = { ...event, seq: ++this.last } as LoggedMessage;
    const json = JSON.stringify(message);
    this.sql.exec("INSERT INTO events (seq, body) VALUES (?, ?)", message.seq, json);
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      this.sql.exec("DELETE FROM events WHERE seq <= ?", this.last - RETAINED_EVENTS);
    }
    return { message, json };
  }

  /** Everything after `seq`, or null when part of that gap is no longer retained. */
  since(seq: number): LoggedMessage[] | null {
    if (seq >= this.last) return [];
    const oldest = Number(this.sql.exec("SELECT coalesce(min(seq), 0) AS s FROM events").one().s);
    if (oldest === 0 || oldest > seq + 1) return null;
    return this.sql
      .exec("SELECT body FROM events WHERE seq > ? ORDER BY seq", seq)
      .toArray()
      .map((row) => JSON.parse(String(row.body)) as LoggedMessage);
  }
}
