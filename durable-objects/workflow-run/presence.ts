/**
 * Presence on a run: how many live connections watch it and who acted last. Joins and leaves
 * are coalesced into one `presence` message per PRESENCE_DELAY_MS, so a hundred viewers
 * arriving at once cost one broadcast, not a hundred. Who acted is kept in memory and refilled
 * from the event log's `acted` messages after the object wakes (hibernation forgets memory).
 */
import type { Acted, ServerMessage } from "../../workers/engine/protocol";
import { liveProtocol } from "./live-protocol";
import type { SqlPort } from "../../workers/engine/graph";

export const PRESENCE_DELAY_MS = 250;

export class Presence {
  private recent: Acted[] | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly sql: SqlPort,
    /** Open live connections now (sockets and event streams). */
    private readonly watchers: () => number,
    private readonly head: () => number,
    private readonly broadcast: (json: string) => void,
  ) {}

  /** Someone connected or left: one presence message soon, for everyone. */
  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.broadcast(JSON.stringify(this.message()));
    }, PRESENCE_DELAY_MS);
  }

  /** Someone acted (logged as an `acted` message in the same transaction): presence follows. */
  acted(acted: Acted): void {
    this.recent = [acted, ...this.load()].slice(0, liveProtocol().MAX_RECENT_ACTORS);
    this.changed();
  }

  message(): ServerMessage {
    return {
      type: "presence",
      seq: this.head(),
      presence: { watchers: this.watchers(), recent: this.load() },
    };
  }

  private load(): Acted[] {
    if (this.recent) return this.recent;
    const rows = this.sql
      .exec(
        `SELECT body FROM events WHERE body LIKE '{"type":"acted"%' ORDER BY seq DESC LIMIT ${liveProtocol().MAX_RECENT_ACTORS}`,
      )
      .toArray();
    this.recent = rows.flatMap((row) => {
      const parsed = liveProtocol().actedSchema.safeParse(JSON.parse(String(row.body)));
      return parsed.success ? [parsed.data] : [];
    });
    return this.recent;
  }
}
