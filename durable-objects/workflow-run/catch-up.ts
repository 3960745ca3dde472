/**
 * What a client asking for "everything after `since`" gets when `since` is past the end of the
 * log (a seq this run never sent: a client mixing up runs, or a run deleted and created again):
 * an `error` naming the head, then a fresh snapshot to resynchronise from. Never silence.
 */
import type { ServerMessage } from "../../workers/engine/protocol";

export function sinceAheadError(since: number, head: number): ServerMessage {
  return {
    type: "error",
    seq: head,
    error: {
      code: "since_ahead",
      message: `since ${since} is past the end of this run's log (head ${head}); a snapshot follows`,
      details: { since, head },
    },
  };
}
