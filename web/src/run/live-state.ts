/**
 * The run as the live socket describes it: a pure reducer over the protocol's server messages
 * (workers/protocol/live.ts). `lastSeq` is what a reconnect resumes from; node statuses are kept
 * by id for the graph; the event log keeps the last LOG_LIMIT lines only.
 */
import type {
  Acted,
  NodeStatus,
  Presence,
  Progress,
  ReviewEvent,
  RunStatus,
  ServerMessage,
} from "../../../workers/protocol/live.ts";

export const LOG_LIMIT = 200;

export type LogLine = {
  seq: number;
  text: string;
  kind: "node" | "review" | "run" | "error" | "artifact" | "acted";
  /** Who did what (kind `acted`): the page words it in the chosen language. */
  acted?: Acted;
};

/** A review action the server refused, shown beside its gate's form; `id` grows per refusal. */
export type Refusal = { id: number; code: string; message: string; details?: unknown };

export type LiveState = {
  lastSeq: number | null;
  status: RunStatus | null;
  progress: Progress | null;
  error: string | null;
  reviews: Map<string, ReviewEvent>;
  /** Node statuses from events since the snapshot (the graph merges them over the loaded list). */
  nodes: Map<string, NodeStatus | "stale">;
  nodeErrors: Map<string, string>;
  log: LogLine[];
  /** Resolutions seen live: who watches sees what was done at which gate. */
  lastResolution: { gate: string; action: string } | null;
  /** How many watch the run and who acted last (the latest `presence` message). */
  presence: Presence | null;
  /** The latest refusal of this client's review action, by gate (errors name the gate). */
  refusals: Map<string, Refusal>;
  /** Refusals so far: each new one gets the next id, so a panel can tell it from one it hid. */
  refusalCount: number;
};

export function initialLiveState(): LiveState {
  return {
    lastSeq: null,
    status: null,
    progress: null,
    error: null,
    reviews: new Map(),
    nodes: new Map(),
    nodeErrors: new Map(),
    log: [],
    lastResolution: null,
    presence: null,
    refusals: new Map(),
    refusalCount: 0,
  };
}

function withLog(state: LiveState, line: LogLine): LogLine[] {
  const log = [line, ...state.log];
  return log.length > LOG_LIMIT ? log.slice(0, LOG_LIMIT) : log;
}

/**
 * Applies the messages that arrived since the last frame. The node maps are copied once per batch
 * (not per message), so a burst of node events on a 100,000-node run stays cheap.
 */
export function reduceBatch(state: LiveState, messages: readonly ServerMessage[]): LiveState {
  if (messages.length === 0) return state;
  let next: LiveState = { ...state, nodes: new Map(state.nodes), nodeErrors: new Map(state.nodeErrors) };
  for (const message of messages) next = applyMessage(next, message);
  return next;
}

function applyMessage(state: LiveState, message: ServerMessage): LiveState {
  // A resumed socket can replay what was already applied; seqs only grow.
  // `error` and `presence` are not logged: they carry the head seq and are never replays.
  if (
    message.type !== "snapshot" &&
    message.type !== "error" &&
    message.type !== "presence" &&
    state.lastSeq !== null &&
    message.seq <= state.lastSeq
  )
    return state;
  const lastSeq =
    message.type === "error" || message.type === "presence"
      ? state.lastSeq
      : Math.max(state.lastSeq ?? 0, message.seq);
  switch (message.type) {
    case "snapshot":
      return {
        ...state,
        lastSeq,
        status: message.run.status,
        progress: message.run.progress,
        error: message.run.error,
        reviews: new Map(message.openReviews.map((r) => [r.gate, r])),
      };
    case "progress":
      return { ...state, lastSeq, status: message.status, progress: message.progress };
    case "node": {
      // The maps are the batch's own copies (reduceBatch): set in place, not copied per event.
      const nodes = state.nodes.set(message.node.id, message.node.status);
      const nodeErrors = message.node.error
        ? state.nodeErrors.set(message.node.id, message.node.error)
        : state.nodeErrors;
      const text = `${message.node.id} → ${message.node.status}${message.node.error ? `: ${message.node.error}` : ""}`;
      return {
        ...state,
        lastSeq,
        nodes,
        nodeErrors,
        log: withLog(state, { seq: message.seq, text, kind: "node" }),
      };
    }
    case "review": {
      const reviews = new Map(state.reviews);
      if (message.review.state === "open") reviews.set(message.review.gate, message.review);
      else reviews.delete(message.review.gate);
      // A new version under review (or the gate closed): an earlier refusal there no longer applies.
      let refusals = state.refusals;
      if (refusals.has(message.review.gate)) {
        refusals = new Map(refusals);
        refusals.delete(message.review.gate);
      }
      const resolution = message.review.resolution;
      const text = `${message.review.gate}: ${message.review.state}${resolution ? ` (${resolution})` : ""}`;
      return {
        ...state,
        lastSeq,
        reviews,
        refusals,
        lastResolution: resolution ? { gate: message.review.gate, action: resolution } : state.lastResolution,
        log: withLog(state, { seq: message.seq, text, kind: "review" }),
      };
    }
    case "artifact":
      return {
        ...state,
        lastSeq,
        log: withLog(state, { seq: message.seq, text: message.artifact.key, kind: "artifact" }),
      };
    case "done":
      return {
        ...state,
        lastSeq,
        status: message.run.status,
        progress: message.run.progress,
        error: message.run.error,
        log: withLog(state, { seq: message.seq, text: message.run.status, kind: "run" }),
      };
    case "acted": {
      const { type: _type, seq, ...acted } = message;
      const text = `${acted.actor.name}: ${acted.action}${acted.gate ? ` ${acted.gate}` : ""}`;
      return { ...state, lastSeq, log: withLog(state, { seq, text, kind: "acted", acted }) };
    }
    case "presence":
      return { ...state, presence: message.presence };
    case "error": {
      const { gate, code, message: text, details } = message.error;
      const refusalCount = gate ? state.refusalCount + 1 : state.refusalCount;
      const refusals = gate
        ? new Map(state.refusals).set(gate, { id: refusalCount, code, message: text, details })
        : state.refusals;
      return {
        ...state,
        refusals,
        refusalCount,
        log: withLog(state, {
          seq: message.seq,
          text: `${message.error.code}: ${message.error.message}`,
          kind: "error",
        }),
      };
    }
  }
}
