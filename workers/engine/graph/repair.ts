/**
 * The watchdog's repair: a run that is not finished but has nothing in flight, nothing ready and
 * nothing waiting for a person or a retry can only be stuck because a settle was lost. Recount
 * from the rows, settle what should have settled, and ready what should be ready. What remains
 * after that can never run, and the owner ends the run with that reason.
 */
import type { GraphCore, SettleItem } from "./core";
import { block, makeReady, settleAll } from "./settle";
import { num } from "./sql-port";

export type RepairReport = { repaired: number; stuck: number; sample: string[] };

export function repairStall(g: GraphCore): RepairReport {
  g.reload();
  const settle: SettleItem[] = [];
  // Finished nodes whose spawned children have all settled, but which never settled themselves.
  const parents = g.sql
    .exec(
      `SELECT p.id,
         p.status = 'failed' OR (p.status = 'skipped' AND p.error LIKE 'blocked:%')
           OR EXISTS (SELECT 1 FROM nodes c WHERE c.parent = p.id AND c.settled = 2) AS failed
       FROM nodes p
       WHERE p.settled = 0 AND p.status IN ('done', 'failed', 'skipped')
         AND NOT EXISTS (SELECT 1 FROM nodes c WHERE c.parent = p.id AND c.settled = 0)`,
    )
    .toArray();
  for (const p of parents) {
    g.sql.exec("UPDATE nodes SET children_open = 0 WHERE id = ?", p.id);
    settle.push({ id: String(p.id), failed: num(p.failed) === 1 });
  }
  settleAll(g, settle);
  // Pending nodes whose dependencies have all settled.
  const pending = g.sql
    .exec(
      `SELECT n.id, n.kind, EXISTS (SELECT 1 FROM edges e JOIN nodes d ON d.id = e.src
         WHERE e.dst = n.id AND d.settled = 2) AS failed
       FROM nodes n WHERE n.status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM edges e JOIN nodes d ON d.id = e.src WHERE e.dst = n.id AND d.settled = 0)`,
    )
    .toArray();
  for (const n of pending) {
    if (num(n.failed) === 1) block(g, String(n.id), "a dependency failed", settle);
    else makeReady(g, String(n.id), String(n.kind), settle);
  }
  settleAll(g, settle);
  const stuck = g.sql.exec("SELECT id FROM nodes WHERE status = 'pending' ORDER BY seq LIMIT 5").toArray();
  return {
    repaired: parents.length + pending.length,
    stuck: g.count("pending"),
    sample: stuck.map((r) => String(r.id)),
  };
}
