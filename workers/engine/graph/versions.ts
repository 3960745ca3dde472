/**
 * Versions of reviewed nodes and the gates that review them. A revision is a new version of the
 * reviewed node; up to MAX_VERSIONS_PER_NODE are kept, and any kept version can become current
 * again without running anything.
 */
import type { NodeStatus } from "../protocol";
import type { StepUsage } from "../types";
import type { GraphCore } from "./core";
import { resetNodes } from "./reset";
import { settleAll } from "./settle";
import { num, str } from "./sql-port";

export const MAX_VERSIONS_PER_NODE = 10;

export function gateOf(
  g: GraphCore,
  id: string,
): { status: NodeStatus; reviews: string; blocked: boolean } | null {
  const row = g.one("SELECT status, kind, reviews, settled FROM nodes WHERE id = ?", id);
  if (!row || row.kind !== "gate") return null;
  // A gate skipped because what it reviews failed settles as failed; one a person skipped does not.
  return { status: row.status as NodeStatus, reviews: String(row.reviews), blocked: num(row.settled) === 2 };
}

export function closeGate(g: GraphCore, id: string, resolution: "done" | "skipped", now: number): void {
  g.sql.exec(
    "UPDATE nodes SET status = ?, finished_at = ?, output = ? WHERE id = ?",
    resolution,
    now,
    JSON.stringify({ resolution }),
    id,
  );
  g.move("waiting", resolution);
  g.listener.node({ id, status: resolution, attempt: 0, version: 0 });
  settleAll(g, [{ id, failed: false }]);
}

/**
 * The reviewed node re-runs with feedback; the gate waits for its new version, and everything
 * else downstream of the reviewed node is stale and waits for it too.
 */
export function revise(g: GraphCore, gateId: string, reviewed: string, feedback: string): void {
  g.sql.exec("UPDATE nodes SET feedback = ? WHERE id = ?", feedback, reviewed);
  const stale = downstreamOf(g, reviewed);
  stale.add(reviewed).add(gateId);
  resetNodes(g, stale, null);
}

/**
 * Skip with a fallback: the reviewed node re-runs its step's fallback (no provider call) as a
 * new version noted "skipped"; everything downstream is stale. When the gate is reached again it
 * closes as skipped by itself (settle.ts, makeReady), so nobody is asked about the fallback.
 */
export function skipToFallback(g: GraphCore, gateId: string, reviewed: string): void {
  g.sql.exec("UPDATE nodes SET feedback = NULL, fallback = 1 WHERE id = ?", reviewed);
  const stale = downstreamOf(g, reviewed);
  stale.add(reviewed).add(gateId);
  resetNodes(g, stale, null);
}

/** A new version of the reviewed node made by a person (edit) — no step runs. */
export function addEditedVersion(
  g: GraphCore,
  nodeId: string,
  edited: { output: unknown; outputRef?: string | null },
  now: number,
): number {
  const row = g.one("SELECT version FROM nodes WHERE id = ?", nodeId);
  const version = nextVersion(g, nodeId, num(row?.version));
  const json = edited.outputRef ? null : JSON.stringify(edited.output);
  const ref = edited.outputRef ?? null;
  g.sql.exec(
    "UPDATE nodes SET output = ?, output_ref = ?, version = ? WHERE id = ?",
    json,
    ref,
    version,
    nodeId,
  );
  recordVersion(g, nodeId, version, json, ref, "edit", {}, now);
  return version;
}

/** Makes a recorded version current again; its output is reused as recorded. */
export function selectVersion(g: GraphCore, nodeId: string, version: number): boolean {
  const v = g.one(
    "SELECT output, output_ref FROM versions WHERE node_id = ? AND version = ?",
    nodeId,
    version,
  );
  if (!v) return false;
  g.sql.exec(
    "UPDATE nodes SET output = ?, output_ref = ?, version = ? WHERE id = ?",
    v.output,
    v.output_ref,
    version,
    nodeId,
  );
  return true;
}

export function versionsOf(g: GraphCore, nodeId: string): number[] {
  return g.sql
    .exec("SELECT version FROM versions WHERE node_id = ? ORDER BY version", nodeId)
    .toArray()
    .map((r) => num(r.version));
}

/** Reopens a gate that was already passed; everything after it becomes stale and re-runs. */
export function reopenGate(g: GraphCore, gateId: string): void {
  const stale = downstreamOf(g, gateId);
  stale.delete(gateId);
  // A skip still waiting for its fallback is overtaken: the phase runs again as usual.
  for (const id of stale) g.sql.exec("UPDATE nodes SET fallback = 0 WHERE id = ? AND fallback = 1", id);
  resetNodes(g, stale, gateId);
}

/** Everything that depends on `start`, transitively (waiting for a parent waits for its children). */
function downstreamOf(g: GraphCore, start: string): Set<string> {
  const stale = new Set<string>();
  const frontier = [start];
  const visit = (src: string) => {
    for (const row of g.sql.exec("SELECT dst FROM edges WHERE src = ?", src)) {
      const dst = String(row.dst);
      if (!stale.has(dst)) {
        stale.add(dst);
        frontier.push(dst);
      }
    }
  };
  while (frontier.length > 0) {
    const id = frontier.pop()!;
    visit(id);
    // The parent of a stale node waited for it: the parent's dependents are stale too.
    const parent = str(g.one("SELECT parent FROM nodes WHERE id = ?", id)?.parent);
    if (parent && id !== start) visit(parent);
  }
  return stale;
}

export function nextVersion(g: GraphCore, nodeId: string, current: number): number {
  const max = num(g.one("SELECT max(version) AS v FROM versions WHERE node_id = ?", nodeId)?.v);
  return Math.max(current, max) + 1;
}

export function recordVersion(
  g: GraphCore,
  nodeId: string,
  version: number,
  output: string | null,
  outputRef: string | null,
  source: "run" | "edit" | "fallback",
  usage: StepUsage,
  now: number,
  /** The reviewer's feedback this version answers (a revision), shown beside it. */
  feedback: string | null = null,
): void {
  g.sql.exec(
    `INSERT OR REPLACE INTO versions (node_id, version, output, output_ref, source, feedback, cost_usd, provider, model, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    nodeId,
    version,
    output,
    outputRef,
    source,
    feedback,
    usage.costUsd ?? 0,
    usage.provider ?? null,
    usage.model ?? null,
    now,
  );
  // Keep the newest MAX_VERSIONS_PER_NODE, never the current one.
  g.sql.exec(
    `DELETE FROM versions WHERE node_id = ? AND version NOT IN (
       SELECT version FROM versions WHERE node_id = ? ORDER BY version DESC LIMIT ?
     ) AND version != (SELECT version FROM nodes WHERE id = ?)`,
    nodeId,
    nodeId,
    MAX_VERSIONS_PER_NODE,
    nodeId,
  );
}
