/**
 * How many calls the run's consumers made, by kind, since the object started (memory only): the
 * evidence for "one RPC per step" — a step handed back in a report reply with its dependencies'
 * outputs costs its report and nothing else. Tests read it through `runInDurableObject`.
 */
export type RpcKind = "claim" | "report" | "readOutput";

export class RpcCounts {
  /** RPC calls by kind (a coalesced call of many reports or claims counts once). */
  readonly calls: Record<RpcKind, number> = { claim: 0, report: 0, readOutput: 0 };
  /** Steps claimed through the queue, and steps reported (many per call when coalesced). */
  readonly items: Record<RpcKind, number> = { claim: 0, report: 0, readOutput: 0 };

  count(kind: RpcKind, items = 1): void {
    this.calls[kind]++;
    this.items[kind] += items;
  }
}
