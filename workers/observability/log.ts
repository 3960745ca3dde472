/**
 * The one logger: one JSON line per event with fixed field names, so a run, a node, a tenant
 * or a request can be followed across the API, the run object and the consumers with one query.
 *
 * @example
 * log.error("step message failed", { runId, nodeId, error: err });
 * // {"level":"error","msg":"step message failed","runId":"wf_…","nodeId":"ch01/…","error":"Error: …"}
 *
 * Never log secrets, prompts or outputs: request bodies, headers and keys stay out. As a last
 * guard, fields whose name says they hold a credential are replaced by "[redacted]", and
 * credential-shaped text inside string values and errors too (SECRET_TEXT).
 *
 * `LOG_LEVEL` (info | warn | error; default info) drops the lines below it. Production keeps
 * info: one line per request, step and provider call. Under `wrangler dev` every line also
 * crosses wrangler's inspector proxy, which buffers it until a DevTools client attaches — on a
 * 1,000-chapter run that buffer, not the engine, is what grows (docs/benchmarks.md, issue 16) —
 * so long local runs and benchmarks of our own CPU may set `LOG_LEVEL=warn`.
 */

import { env } from "cloudflare:workers";
import { currentTraceId } from "./trace";

/** The ids events are correlated by. Spell them this way and no other. */
export type LogContext = {
  requestId?: string;
  /** The W3C trace id (observability/trace.ts); defaults to the ambient trace. */
  traceId?: string;
  runId?: string;
  nodeId?: string;
  tenantId?: string;
  /** The provider of a gateway call. */
  provider?: string;
  /** How long the event took, in whole milliseconds. */
  durationMs?: number;
};

/** Other spellings of the fixed fields, refused by the type so logs stay queryable. */
type Misspelt = {
  run?: never;
  node?: never;
  tenant?: never;
  request?: never;
  trace?: never;
  trace_id?: never;
  run_id?: never;
  node_id?: never;
};

export type LogFields = LogContext &
  Misspelt & {
    /** Anything thrown: logged as "Name: message". */
    error?: unknown;
    [detail: string]: unknown;
  };

export type Level = "info" | "warn" | "error";

export type Logger = {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `context` to every line (e.g. a run and node for a step). */
  with(context: LogContext): Logger;
};

const SECRET_FIELD = /^(authorization|cookie|set-cookie|password|secret|token|api[-_]?key|key|bearer)$/i;

/**
 * Credentials inside text (an SDK error that quotes the key it was given, a header echoed in a
 * message): our API keys, OpenAI / Anthropic style `sk-` keys, Google `AIza` keys, bearer values.
 */
const SECRET_TEXT =
  /\btsu_[A-Za-z0-9_-]{8,}|\bsk-[A-Za-z0-9_-]{6,}|\bAIza[A-Za-z0-9_-]{20,}|(?<=Bearer\s+)\S+/g;

function scrub(text: string): string {
  return text.replace(SECRET_TEXT, "[redacted]");
}

function describe(err: unknown): string {
  return scrub(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
}

/** The line as it is written (exported for tests). */
export function logLine(level: Level, msg: string, fields: LogFields = {}): string {
  const line: Record<string, unknown> = { level, msg };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || name === "level" || name === "msg") continue;
    line[name] = SECRET_FIELD.test(name)
      ? "[redacted]"
      : name === "error"
        ? describe(value)
        : typeof value === "string"
          ? scrub(value)
          : value;
  }
  return JSON.stringify(line);
}

const RANK: Record<Level, number> = { info: 0, warn: 1, error: 2 };

/** The lowest level written for a `LOG_LEVEL` value; anything unknown or unset means info. */
export function logLevelFrom(value: unknown): Level {
  return typeof value === "string" && Object.hasOwn(RANK, value) ? (value as Level) : "info";
}

/** Where lines go: the console in a Worker, a recorder in tests. */
export type LogSink = Pick<Console, "log" | "warn" | "error">;

/** A logger writing lines at `minimum()` or above to `sink` (exported for tests). */
export function createLogger(minimum: () => Level, sink: LogSink, context: LogContext = {}): Logger {
  const write = (level: Level, msg: string, fields?: LogFields) => {
    if (RANK[level] < RANK[minimum()]) return;
    const text = logLine(level, msg, { traceId: currentTraceId(), ...context, ...fields });
    if (level === "error") sink.error(text);
    else if (level === "warn") sink.warn(text);
    else sink.log(text);
  };
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    with: (more) => createLogger(minimum, sink, { ...context, ...more }),
  };
}

// Read once per isolate, on the first line: the Worker's vars do not change while it runs.
let configured: Level | undefined;
const configuredLevel = (): Level => (configured ??= logLevelFrom(env.LOG_LEVEL));

export const log: Logger = createLogger(configuredLevel, console);
