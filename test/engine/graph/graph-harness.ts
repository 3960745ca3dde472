/**
 * A run's graph on node:sqlite with a minimal owner around it (what the run object does: one
 * transaction per operation, leasing up to the concurrency after each), so tests can drive the
 * graph rules step by step and check the invariants after every operation.
 */
import { expect } from "vitest";
import { migrateGraphSchema, RunGraph, type CheckedReview, type Lease } from "../../../workers/engine/graph";
import type { NodeEvent } from "../../../workers/engine/protocol";
import type { NodeSpec, RunInfo, StepOutcome } from "../../../workers/engine/types";
import { SqliteTestPort } from "./sqlite-port";

export const HANDLERS = new Set(["work", "spawn"]);

export class GraphHarness {
  readonly port = new SqliteTestPort();
  readonly graph: RunGraph;
  readonly events: NodeEvent[] = [];
  readonly opened: string[] = [];
  readonly leases = new Map<string, Lease>();
  now = 1_000_000;
  /** Set to make the listener throw on this node's next event (a fault in the middle of an operation). */
  throwOn: string | null = null;
  /** Set to leave leased steps unclaimed, as messages stuck behind a busy consumer are. */
  unclaimed = false;
  readonly run: RunInfo;

  constructor(options: { concurrency?: number; maxAttempts?: number } = {}) {
    migrateGraphSchema(this.port);
    this.run = {
      id: "run",
      tenantId: "tenant",
      pipeline: "test",
      options: {
        concurrency: options.concurrency ?? 8,
        maxAttempts: options.maxAttempts ?? 3,
        leaseMs: 1_000,
        retryBaseMs: 10,
        failurePolicy: "continue",
        mode: "dialog",
      },
    };
    this.graph = new RunGraph(this.port, {
      node: (event) => {
        if (this.throwOn === event.id) {
          this.throwOn = null;
          throw new Error(`listener fault on ${event.id}`);
        }
        this.events.push(event);
      },
      artifact: () => {},
      gateOpened: (gate) => this.opened.push(gate),
    });
  }

  /** One operation in one transaction; a throw rolls rows back and re-derives the counters. */
  tx<T>(fn: () => T): T {
    return this.port.transaction(fn, () => this.graph.reload());
  }

  add(specs: NodeSpec[]): void {
    this.tx(() => this.graph.addNodes(specs, null, this.now, (h) => HANDLERS.has(h)));
    this.dispatch();
  }

  /** Leases ready steps up to the concurrency, as the run object does after every change. */
  dispatch(): void {
    const free = this.run.options.concurrency - this.graph.count("leased");
    const leases = this.tx(() => this.graph.lease(free, this.run.options.leaseMs, this.now));
    for (const lease of leases) {
      this.leases.set(lease.nodeId, lease);
      if (this.unclaimed) continue;
      expect(this.tx(() => this.graph.claim(lease.nodeId, lease.leaseId, this.run, this.now))).not.toBeNull();
    }
  }

  complete(nodeId: string, outcome: StepOutcome): "accepted" | "stale" {
    const lease = this.leases.get(nodeId);
    if (!lease) throw new Error(`${nodeId} is not leased`);
    this.leases.delete(nodeId);
    const verdict = this.tx(() =>
      this.graph.complete(nodeId, lease.leaseId, outcome, this.run, this.now, (h) => HANDLERS.has(h)),
    );
    this.dispatch();
    return verdict;
  }

  review(gate: string, action: CheckedReview): void {
    this.tx(() => this.graph.review(gate, action, this.now));
    this.dispatch();
  }

  /** Time passes: expired leases go back to ready (or fail), due retries become ready. */
  advance(ms: number): void {
    this.now += ms;
    this.tx(() => {
      this.graph.expireLeases(this.now, this.run.options.maxAttempts);
      this.graph.releaseRetries(this.now);
    });
    for (const [id] of this.leases) if (this.graph.nodeStatus(id) !== "leased") this.leases.delete(id);
    this.dispatch();
  }

  waitingGates(): string[] {
    return this.port
      .exec("SELECT id FROM nodes WHERE kind = 'gate' AND status = 'waiting' ORDER BY seq")
      .toArray()
      .map((r) => String(r.id));
  }

  handlerOf(nodeId: string): string {
    return this.graph.nodeHandler(nodeId) ?? "";
  }

  expectInvariants(): void {
    expect(
      this.graph.checkInvariants({ dispatching: true, concurrency: this.run.options.concurrency }),
    ).toEqual([]);
    expect(this.graph.isStalled).toBe(false);
  }

  /**
   * Completes everything (approving gates, waiting out retries) until the run is finished. The
   * invariants scan the whole graph, so on big graphs they are checked every few hundred steps.
   */
  drain(spawnOf: (nodeId: string) => NodeSpec[] = () => [], maxRounds = 100_000): void {
    for (let round = 0; !this.graph.isFinished; round++) {
      if (round > maxRounds) throw new Error("the run did not finish");
      const [next] = this.leases.keys();
      if (next !== undefined) {
        const spawn = this.handlerOf(next) === "spawn" ? spawnOf(next) : [];
        this.complete(next, { ok: true, output: { by: next }, spawn, durationMs: 1 });
      } else if (this.waitingGates().length > 0) {
        this.review(this.waitingGates()[0]!, { action: "approve" });
      } else {
        this.advance(60_000);
      }
      if (this.graph.total <= 1_000 || round % 500 === 0) this.expectInvariants();
    }
    this.expectInvariants();
  }

  rows(): unknown[] {
    return this.port.exec("SELECT * FROM nodes ORDER BY seq").toArray();
  }
}

/** A step that spawns `width` children and a join that waits for all of them. */
export function fanOut(parent: string, width: number): NodeSpec[] {
  const children: NodeSpec[] = Array.from({ length: width }, (_, i) => ({
    id: `${parent}/c${i}`,
    handler: "work",
  }));
  return [...children, { id: `${parent}/join`, kind: "barrier", deps: children.map((c) => c.id) }];
}
