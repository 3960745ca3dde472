/**
 * Running things again: retry of a finished run, cancellation, and the reset that revisions and
 * "back" use to make part of the graph stale.
 */
import type { NodeStatus } from "../protocol";
import { UNFINISHED_STATUSES, type GraphCore, type SettleItem } from "./core";
import { block, makeReady, settleAll } from "./settle";
import { num, str } from "./sql-port";

/** Cancels every unfinished node; in-flight results arriving later are ignored. */
export function cancelAll(g: GraphCore, now: number): void {
  for (const status of UNFINISHED_STATUSES) {
    const n = g.sql
      .exec(
        "UPDATE nodes SET status = 'cancelled', lease_id = NULL, lease_until = NULL, finished_at = ? WHERE status = ? RETURNING id",
        now,
        status,
      )
      .toArray().length;
    if (n > 0) g.move(status, "cancelled", n);
  }
}

/** Re-runs what failed, was blocked by a failure, or was cancelled. */
export function retryFailed(g: GraphCore): number {
  const ids = g.sql
    .exec(
      "SELECT id FROM nodes WHERE status IN ('failed', 'cancelled') OR (status = 'skipped' AND settled = 2) ORDER BY seq",
    )
    .toArray()
    .map((r) => String(r.id));
  resetNodes(g, new Set(ids), null);
  return ids.length;
}

/**
 * Puts `ids` back to pending (and `reopen`, a gate, back to waiting) so they run again:
 * spawned children of reset nodes are removed (the re-run spawns them again), parents outside
 * the set wait for their reset children again, and dependency counts are recomputed.
 */
export function resetNodes(g: GraphCore, ids: Set<string>, reopen: string | null): void {
  dropSpawnedBelow(g, ids);

  const all = reopen ? [...ids, reopen] : [...ids];
  const inSet = new Set(all);
  for (const id of all) {
    const row = g.one("SELECT status, settled, parent, version FROM nodes WHERE id = ?", id);
    if (!row) continue;
    const parent = str(row.parent);
    if (parent && !inSet.has(parent) && num(row.settled) !== 0)
      reopenAncestors(g, parent, num(row.settled) === 2);
    const to: NodeStatus = id === reopen ? "waiting" : "pending";
    g.sql.exec(
      `UPDATE nodes SET status = ?, settled = 0, children_open = 0, children_failed = 0, lease_id = NULL, lease_until = NULL,
         not_before = NULL, started = 0, attempts = 0, error = NULL, finished_at = NULL WHERE id = ?`,
      to,
      id,
    );
    g.move(row.status as NodeStatus, to);
    g.listener.node({
      id,
      status: id === reopen ? "waiting" : "stale",
      attempt: 0,
      version: num(row.version),
    });
  }
  const settle: SettleItem[] = [];
  for (const id of ids) {
    // A dependency outside the reset that settled as failed keeps blocking this node: without
    // this check it would run once its other dependencies settle (found by the property test
    // after a skip-with-fallback re-ran a gated step whose dependent also needed a failed one).
    const failedDep = g.one(
      "SELECT nodes.id FROM edges JOIN nodes ON nodes.id = edges.src WHERE edges.dst = ? AND nodes.settled = 2 LIMIT 1",
      id,
    );
    if (failedDep) {
      block(g, id, `upstream "${str(failedDep.id)}" failed`, settle);
      continue;
    }
    const open = num(
      g.one(
        "SELECT count(*) AS n FROM edges JOIN nodes ON nodes.id = edges.src WHERE edges.dst = ? AND nodes.settled = 0",
        id,
      )?.n,
    );
    const row = g.one("UPDATE nodes SET deps_open = ? WHERE id = ? RETURNING kind", open, id);
    if (open === 0 && row) makeReady(g, id, String(row.kind), settle);
  }
  if (reopen) g.listener.gateOpened(reopen);
  settleAll(g, settle);
}

/** Children spawned by a node that re-runs are re-spawned by it: drop them (and theirs). */
function dropSpawnedBelow(g: GraphCore, ids: Set<string>): void {
  const doomed = new Set<string>();
  const frontier = [...ids];
  while (frontier.length > 0) {
    const id = frontier.pop()!;
    for (const row of g.sql.exec("SELECT id FROM nodes WHERE parent = ?", id)) {
      const child = String(row.id);
      ids.delete(child);
      if (!doomed.has(child)) {
        doomed.add(child);
        frontier.push(child);
      }
    }
  }
  for (const id of doomed) {
    const row = g.one("DELETE FROM nodes WHERE id = ? RETURNING status", id);
    if (row) g.move(row.status as NodeStatus, null);
    g.sql.exec("DELETE FROM edges WHERE src = ? OR dst = ?", id, id);
    g.sql.exec("DELETE FROM versions WHERE node_id = ?", id);
  }
}

/**
 * A settled child runs again: its parent waits for it once more (and forgets its failure), and
 * so on up while each ancestor had settled.
 */
function reopenAncestors(g: GraphCore, parent: string, childFailed: boolean): void {
  let id: string | null = parent;
  let failed = childFailed;
  while (id) {
    const row = g.one(
      `UPDATE nodes SET children_open = children_open + 1, children_failed = max(0, children_failed - ?)
       WHERE id = ? RETURNING settled, parent`,
      failed ? 1 : 0,
      id,
    );
    if (!row || num(row.settled) === 0) return;
    failed = num(row.settled) === 2;
    g.sql.exec("UPDATE nodes SET settled = 0 WHERE id = ?", id);
    id = str(row.parent);
  }
}
