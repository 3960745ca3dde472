/**
 * Adding nodes: at creation (the pipeline's initial graph) or spawned by a finished step.
 * Everything is checked before anything is written, and no statement binds more than one
 * parameter per list (ids travel as JSON through `json_each`), so a join of 5,000 dependencies is
 * the same handful of statements as a join of two.
 */
import type { NodeSpec } from "../types";
import type { GraphCore, SettleItem } from "./core";
import { EngineError } from "./errors";
import { block, makeReady, settleAll } from "./settle";
import { IDS_IN_JSON, num } from "./sql-port";

export function depsOf(spec: NodeSpec): string[] {
  const deps = [...new Set(spec.deps ?? [])];
  if (spec.reviews && !deps.includes(spec.reviews)) deps.push(spec.reviews);
  return deps;
}

/**
 * Adds `specs` (children of `parent` when spawned). Dependencies may point at existing nodes or
 * at nodes in the same batch. Throws EngineError (400) for duplicate ids, unknown handlers or
 * dependencies, gates without a subject and dependency cycles, before writing anything.
 */
export function addNodes(
  g: GraphCore,
  specs: NodeSpec[],
  parent: string | null,
  now: number,
  hasHandler: (name: string) => boolean,
): void {
  checkBatch(g, specs, hasHandler);

  for (const spec of specs) {
    g.sql.exec(
      `INSERT INTO nodes (id, seq, kind, handler, title, input, parent, reviews, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
      spec.id,
      g.nextSeq++,
      spec.kind ?? "step",
      spec.handler ?? "",
      spec.title ?? null,
      spec.input === undefined ? null : JSON.stringify(spec.input),
      parent,
      spec.reviews ?? null,
      now,
    );
    g.move(null, "pending");
    const deps = depsOf(spec);
    if (deps.length > 0) {
      g.sql.exec(
        `INSERT OR IGNORE INTO edges (src, dst) SELECT value, ? FROM json_each(?)`,
        spec.id,
        JSON.stringify(deps),
      );
    }
    if (spec.reviews) g.sql.exec("UPDATE nodes SET reviewed = 1 WHERE id = ?", spec.reviews);
  }
  if (parent) {
    g.sql.exec("UPDATE nodes SET children_open = children_open + ? WHERE id = ?", specs.length, parent);
  }

  const settle: SettleItem[] = [];
  for (const spec of specs) {
    const deps = depsOf(spec);
    const kind = spec.kind ?? "step";
    if (deps.length === 0) {
      makeReady(g, spec.id, kind, settle);
      continue;
    }
    const state = g.sql
      .exec(
        `SELECT sum(settled = 0) AS open, sum(settled = 2) AS failed FROM nodes WHERE id IN ${IDS_IN_JSON}`,
        JSON.stringify(deps),
      )
      .one();
    if (num(state.failed) > 0) block(g, spec.id, "a dependency failed", settle);
    else if (num(state.open) === 0) makeReady(g, spec.id, kind, settle);
    else g.sql.exec("UPDATE nodes SET deps_open = ? WHERE id = ?", num(state.open), spec.id);
  }
  settleAll(g, settle);
}

function checkBatch(g: GraphCore, specs: NodeSpec[], hasHandler: (name: string) => boolean): void {
  const batchIds = new Set<string>();
  for (const spec of specs) {
    if (batchIds.has(spec.id)) duplicate(spec.id);
    batchIds.add(spec.id);
  }
  const existing = g.one(
    `SELECT id FROM nodes WHERE id IN ${IDS_IN_JSON} LIMIT 1`,
    JSON.stringify([...batchIds]),
  );
  if (existing) duplicate(String(existing.id));

  const outside = new Set<string>();
  for (const spec of specs) {
    const kind = spec.kind ?? "step";
    if (kind === "step" && (!spec.handler || !hasHandler(spec.handler))) {
      throw new EngineError(
        400,
        "unknown_handler",
        `Node "${spec.id}" names unknown handler "${spec.handler}"`,
        {
          id: spec.id,
        },
      );
    }
    if (kind === "gate" && !spec.reviews) {
      throw new EngineError(400, "invalid_gate", `Gate "${spec.id}" must name the node it reviews`, {
        id: spec.id,
      });
    }
    for (const dep of depsOf(spec)) if (!batchIds.has(dep)) outside.add(dep);
  }
  if (outside.size > 0) {
    const missing = g.one(
      `SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT id FROM nodes) LIMIT 1`,
      JSON.stringify([...outside]),
    );
    if (missing) {
      const id = String(missing.id);
      const by = specs.find((s) => depsOf(s).includes(id))?.id;
      throw new EngineError(400, "unknown_dependency", `Node "${by}" depends on unknown node "${id}"`, {
        id: by,
        dependency: id,
      });
    }
  }
  const cycle = findCycle(specs, batchIds);
  if (cycle) {
    throw new EngineError(
      400,
      "dependency_cycle",
      `Nodes depend on each other in a cycle: ${cycle.join(" → ")}`,
      {
        cycle,
      },
    );
  }
}

function duplicate(id: string): never {
  throw new EngineError(400, "duplicate_node", `Node id "${id}" already exists`, { id });
}

/**
 * A cycle among the batch's own dependencies (existing nodes cannot depend on new ones, so a
 * cycle can only lie inside a batch). Iterative DFS: a batch may hold thousands of nodes.
 */
function findCycle(specs: NodeSpec[], batchIds: Set<string>): string[] | null {
  const deps = new Map(specs.map((s) => [s.id, depsOf(s).filter((d) => batchIds.has(d))]));
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: fully explored
  for (const start of deps.keys()) {
    if (state.has(start)) continue;
    const path: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const list = deps.get(top.id) ?? [];
      if (top.next >= list.length) {
        state.set(top.id, 2);
        path.pop();
        continue;
      }
      const dep = list[top.next++]!;
      const seen = state.get(dep);
      if (seen === 1) {
        const from = path.findIndex((p) => p.id === dep);
        return [...path.slice(from).map((p) => p.id), dep];
      }
      if (seen === undefined) {
        state.set(dep, 1);
        path.push({ id: dep, next: 0 });
      }
    }
  }
  return null;
}
