/**
 * Invariants of a run's graph, checked by the tests after every operation (and usable by an
 * operator on a live run). Each query scans the graph, so this is not for the hot path.
 */
import type { NodeStatus } from "../protocol";
import type { GraphCore } from "./core";
import { num } from "./sql-port";

export type Violation = { rule: string; detail: string };

const list = (rows: Record<string, unknown>[]) =>
  rows
    .slice(0, 5)
    .map((r) => JSON.stringify(r))
    .join(", ");

/**
 * `owner`: when the run is dispatching, a ready node must mean every slot is taken.
 */
export function checkInvariants(
  g: GraphCore,
  owner?: { dispatching: boolean; concurrency: number },
): Violation[] {
  const out: Violation[] = [];
  const rows = new Map<NodeStatus, number>();
  for (const r of g.sql.exec("SELECT status, count(*) AS n FROM nodes GROUP BY status")) {
    rows.set(r.status as NodeStatus, num(r.n));
  }
  for (const status of new Set([...rows.keys(), ...g.counts.keys()])) {
    if ((rows.get(status) ?? 0) !== g.count(status)) {
      out.push({
        rule: "counts match rows",
        detail: `${status}: ${g.count(status)} counted, ${rows.get(status) ?? 0} rows`,
      });
    }
  }
  const check = (rule: string, query: string) => {
    const bad = g.sql.exec(query).toArray();
    if (bad.length > 0) out.push({ rule, detail: list(bad) });
  };
  check(
    "a pending node waits for exactly its unsettled dependencies",
    `SELECT n.id, n.deps_open, (SELECT count(*) FROM edges e JOIN nodes d ON d.id = e.src
       WHERE e.dst = n.id AND d.settled = 0) AS open
     FROM nodes n WHERE n.status = 'pending' AND (n.deps_open != open OR open = 0) LIMIT 5`,
  );
  check(
    "children_open counts unsettled children",
    `SELECT p.id, p.children_open, (SELECT count(*) FROM nodes c WHERE c.parent = p.id AND c.settled = 0) AS open
     FROM nodes p WHERE p.children_open != open LIMIT 5`,
  );
  check(
    "only finished nodes settle",
    `SELECT id, status, settled FROM nodes WHERE settled != 0 AND status NOT IN ('done', 'failed', 'skipped') LIMIT 5`,
  );
  check(
    "a finished node settles once its children have",
    `SELECT p.id, p.status FROM nodes p WHERE p.settled = 0 AND p.status IN ('done', 'failed', 'skipped')
       AND NOT EXISTS (SELECT 1 FROM nodes c WHERE c.parent = p.id AND c.settled = 0) LIMIT 5`,
  );
  check(
    "a leased node has a lease",
    `SELECT id FROM nodes WHERE status = 'leased' AND (lease_id IS NULL OR lease_until IS NULL) LIMIT 5`,
  );
  check(
    "a retry has a time",
    `SELECT id FROM nodes WHERE status = 'retry_wait' AND not_before IS NULL LIMIT 5`,
  );
  check(
    "a dependent of a failure is not ready or running",
    `SELECT n.id, n.status FROM nodes n JOIN edges e ON e.dst = n.id JOIN nodes d ON d.id = e.src
     WHERE d.settled = 2 AND n.status IN ('ready', 'leased', 'retry_wait', 'waiting') LIMIT 5`,
  );
  if (owner?.dispatching && g.count("ready") > 0 && g.count("leased") < owner.concurrency) {
    out.push({
      rule: "no ready node without a dispatch",
      detail: `${g.count("ready")} ready, ${g.count("leased")} leased of ${owner.concurrency} slots`,
    });
  }
  return out;
}
