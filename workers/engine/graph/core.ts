/**
 * The state every graph rule shares: the SQL tables, and the figures derived from them that are
 * kept in memory for O(1) progress (node counts by status, the next creation seq, money spent).
 *
 * The memory copies are a cache of the tables, never the other way round: `reload()` derives them
 * again, and the owner calls it whenever a transaction is rolled back, so a throw can never leave
 * counters that disagree with the rows.
 */
import type { NodeEvent, NodeStatus } from "../protocol";
import type { ArtifactRecord, StepUsage } from "../types";
import { firstRow, num, type Row, type SqlPort } from "./sql-port";

/** What the graph tells its owner as it changes (the owner logs and broadcasts events). */
export interface GraphListener {
  node(event: NodeEvent): void;
  artifact(nodeId: string, artifact: ArtifactRecord): void;
  gateOpened(gateId: string): void;
}

/** A node that finished (or was blocked): `failed` settles it as failed, blocking dependents. */
export type SettleItem = { id: string; failed: boolean };

export const UNFINISHED_STATUSES = ["pending", "ready", "leased", "retry_wait", "waiting"] as const;

export class GraphCore {
  readonly counts = new Map<NodeStatus, number>();
  /** Money and tokens spent by this run, including work later discarded by a revision. */
  readonly spent = { costUsd: 0, tokensIn: 0, tokensOut: 0 };
  nextSeq = 1;

  constructor(
    readonly sql: SqlPort,
    readonly listener: GraphListener,
  ) {
    this.reload();
  }

  /** Derives the memory figures from the tables again (after a rollback, or on load). */
  reload(): void {
    this.counts.clear();
    for (const row of this.sql.exec("SELECT status, count(*) AS n FROM nodes GROUP BY status")) {
      this.counts.set(row.status as NodeStatus, num(row.n));
    }
    this.nextSeq = num(this.sql.exec("SELECT coalesce(max(seq), 0) AS s FROM nodes").one().s) + 1;
    const spent = this.one("SELECT value FROM run_meta WHERE key = 'spent'");
    const saved = spent ? (JSON.parse(String(spent.value)) as Partial<typeof this.spent>) : {};
    this.spent.costUsd = saved.costUsd ?? 0;
    this.spent.tokensIn = saved.tokensIn ?? 0;
    this.spent.tokensOut = saved.tokensOut ?? 0;
  }

  count(status: NodeStatus): number {
    return this.counts.get(status) ?? 0;
  }

  get total(): number {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  /** True when nothing can make progress any more: every node is in a final state. */
  get isFinished(): boolean {
    return UNFINISHED_STATUSES.every((s) => this.count(s) === 0);
  }

  move(from: NodeStatus | null, to: NodeStatus | null, n = 1): void {
    if (from) this.counts.set(from, this.count(from) - n);
    if (to) this.counts.set(to, this.count(to) + n);
  }

  one(query: string, ...bindings: unknown[]): Row | undefined {
    return firstRow(this.sql, query, ...bindings);
  }

  addSpent(usage: StepUsage): void {
    if (!usage.costUsd && !usage.tokensIn && !usage.tokensOut) return;
    this.spent.costUsd += usage.costUsd ?? 0;
    this.spent.tokensIn += usage.tokensIn ?? 0;
    this.spent.tokensOut += usage.tokensOut ?? 0;
    this.sql.exec(
      "INSERT OR REPLACE INTO run_meta (key, value) VALUES ('spent', ?)",
      JSON.stringify(this.spent),
    );
  }
}
