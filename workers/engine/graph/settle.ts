/**
 * How completion spreads through the graph:
 * - A node becomes *ready* when all its dependencies have *settled*.
 * - A node *settles* when it is finished (done, failed, skipped) and every node it spawned has
 *   settled too, so a dependent of a fan-out waits for the whole subtree.
 * - A failure settles "as failed" and its dependents are skipped (blocked), transitively; a
 *   fan-out settles as failed when anything below it did.
 */
import type { GraphCore, SettleItem } from "./core";
import { num, str } from "./sql-port";

/** A node whose dependencies have all settled: steps queue up, barriers finish, gates open. */
export function makeReady(g: GraphCore, id: string, kind: string, settle: SettleItem[]): void {
  if (kind === "barrier") {
    const row = g.one(
      "UPDATE nodes SET status = 'done', deps_open = 0, finished_at = ? WHERE id = ? RETURNING children_open",
      Date.now(),
      id,
    );
    g.move("pending", "done");
    g.listener.node({ id, status: "done", attempt: 0, version: 0 });
    if (num(row?.children_open) === 0) settle.push({ id, failed: false });
  } else if (kind === "gate") {
    if (closesAsSkipped(g, id, settle)) return;
    g.sql.exec("UPDATE nodes SET status = 'waiting', deps_open = 0 WHERE id = ?", id);
    g.move("pending", "waiting");
    g.listener.node({ id, status: "waiting", attempt: 0, version: 0 });
    g.listener.gateOpened(id);
  } else {
    g.sql.exec("UPDATE nodes SET status = 'ready', deps_open = 0 WHERE id = ?", id);
    g.move("pending", "ready");
  }
}

/**
 * A gate reached again after a skip whose fallback is now the reviewed output: it closes as
 * skipped at once (the person already answered it) and the run goes on with the fallback.
 */
function closesAsSkipped(g: GraphCore, gate: string, settle: SettleItem[]): boolean {
  const reviewed = g.one(
    `UPDATE nodes SET fallback = 0 WHERE fallback = 1 AND id = (SELECT reviews FROM nodes WHERE id = ?)
     RETURNING id`,
    gate,
  );
  if (!reviewed) return false;
  g.sql.exec(
    "UPDATE nodes SET status = 'skipped', deps_open = 0, finished_at = ?, output = ? WHERE id = ?",
    Date.now(),
    JSON.stringify({ resolution: "skipped" }),
    gate,
  );
  g.move("pending", "skipped");
  g.listener.node({ id: gate, status: "skipped", attempt: 0, version: 0 });
  settle.push({ id: gate, failed: false });
  return true;
}

/** A pending node that can never run because something it needs failed. */
export function block(g: GraphCore, id: string, reason: string, settle: SettleItem[]): void {
  const error = `blocked: ${reason}`;
  g.sql.exec(
    "UPDATE nodes SET status = 'skipped', error = ?, finished_at = ? WHERE id = ?",
    error,
    Date.now(),
    id,
  );
  g.move("pending", "skipped");
  g.listener.node({ id, status: "skipped", attempt: 0, version: 0, error });
  settle.push({ id, failed: true });
}

/**
 * Settles nodes and everything that follows from it (parents whose last child settled,
 * dependents whose last dependency settled). Iterative: fan-outs can be deep and wide.
 */
export function settleAll(g: GraphCore, stack: SettleItem[]): void {
  while (stack.length > 0) {
    const { id, failed } = stack.pop()!;
    const row = g.one(
      "UPDATE nodes SET settled = ? WHERE id = ? AND settled = 0 RETURNING parent",
      failed ? 2 : 1,
      id,
    );
    if (!row) continue;
    const parent = str(row.parent);
    if (parent) {
      const p = g.one(
        `UPDATE nodes SET children_open = children_open - 1, children_failed = children_failed + ?
         WHERE id = ? RETURNING status, children_open, children_failed, settled`,
        failed ? 1 : 0,
        parent,
      );
      if (p && num(p.children_open) === 0 && num(p.settled) === 0 && p.status === "done") {
        stack.push({ id: parent, failed: num(p.children_failed) > 0 });
      }
    }
    const dependents = g.sql
      .exec(
        `UPDATE nodes SET deps_open = deps_open - 1
         WHERE id IN (SELECT dst FROM edges WHERE src = ?) RETURNING id, kind, status, deps_open`,
        id,
      )
      .toArray();
    for (const dep of dependents) {
      if (dep.status !== "pending") continue;
      if (failed) block(g, String(dep.id), `upstream "${id}" failed`, stack);
      else if (num(dep.deps_open) <= 0) makeReady(g, String(dep.id), String(dep.kind), stack);
    }
  }
}
