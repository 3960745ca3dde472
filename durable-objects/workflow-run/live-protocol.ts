/**
 * The live protocol's zod schemas (workers/protocol/live.ts), loaded when the first run object
 * of an isolate starts rather than when the isolate starts: building them was ≈ 20 ms of every
 * Worker's start-up CPU, API requests included (issue 16, cold start). The run object loads them
 * under blockConcurrencyWhile before it takes any event (index.ts); the parts of the object that
 * parse with them read them through `liveProtocol()`.
 */
import type * as LiveProtocolModule from "../../workers/protocol/live";

type LiveProtocol = typeof LiveProtocolModule;

let loaded: LiveProtocol | undefined;

export async function loadLiveProtocol(): Promise<LiveProtocol> {
  loaded ??= await import("../../workers/protocol/live");
  return loaded;
}

export function liveProtocol(): LiveProtocol {
  if (!loaded) throw new Error("the live protocol is used before the run object loaded it");
  return loaded;
}
