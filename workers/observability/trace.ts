/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): one trace id follows a request
 * through the queue, the consumer, the run object and every provider call. The id travels
 * explicitly (the step message, the run's meta, gateway options); inside one invocation it is
 * also the ambient trace (AsyncLocalStorage), so every log line carries it without each call
 * site passing it.
 *
 * @example
 * const trace = parseTraceparent(c.req.header("traceparent")) ?? { traceId: newTraceId() };
 * await withTrace(trace.traceId, () => handle(request)); // log lines now carry traceId
 * headers.traceparent = traceparent(trace.traceId); // a new span id for each outgoing call
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** version-traceid-parentid-flags; only version 00 is understood (a future version: start anew). */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZERO = /^0+$/;

export type IncomingTrace = { traceId: string; parentId: string };

/** The caller's trace, or undefined for a missing or malformed header (never an error). */
export function parseTraceparent(header: string | null | undefined): IncomingTrace | undefined {
  // The spec allows lowercase hex only: an uppercase id is malformed, like any other.
  const match = TRACEPARENT.exec(header?.trim() ?? "");
  if (!match) return undefined;
  const [, traceId, parentId] = match as unknown as [string, string, string];
  // All-zero ids are invalid by the spec.
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId)) return undefined;
  return { traceId, parentId };
}

function randomHex(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  // A random all-zero id is astronomically unlikely but invalid: make the last byte non-zero.
  if (buf.every((b) => b === 0)) buf[bytes - 1] = 1;
  return Array.from(buf, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const newTraceId = (): string => randomHex(16);
export const newSpanId = (): string => randomHex(8);

/** A traceparent header for a new span of `traceId` (sampled: we record every trace). */
export function traceparent(traceId: string, spanId: string = newSpanId()): string {
  return `00-${traceId}-${spanId}-01`;
}

/** A value fit to be carried as a trace id (a step message, a run's meta). */
export function isTraceId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{32}$/.test(value) && !ALL_ZERO.test(value);
}

const ambient = new AsyncLocalStorage<string>();

/** Runs `fn` with `traceId` as the ambient trace (log lines and gateways read it). */
export function withTrace<T>(traceId: string | undefined, fn: () => T): T {
  return traceId ? ambient.run(traceId, fn) : fn();
}

/** The ambient trace id, if this code runs inside `withTrace`. */
export function currentTraceId(): string | undefined {
  return ambient.getStore();
}
