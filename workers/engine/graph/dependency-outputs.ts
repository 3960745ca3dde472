/**
 * The outputs a step is about to read, handed out with it so its consumer needs no read RPC per
 * dependency: the stored JSON of the node's dependencies and, through a gate or barrier among
 * them, of what that gate reviews or that barrier joins (a phase reads the step behind the gate
 * it waits for). Only small inline outputs travel, within a total: a large output (or one in R2)
 * is still read on demand (`readOutput`), so an assignment stays small whatever the graph.
 */
import type { GraphCore } from "./core";

/** Outputs up to this size (serialised) travel with the step; larger ones are read on demand. */
export const INLINE_DEPENDENCY_OUTPUT_BYTES = 16 * 1024;
/** At most this much output travels with one step, whatever its number of dependencies. */
export const INLINE_DEPENDENCY_TOTAL_BYTES = 128 * 1024;
/** A join of thousands (a book's index) hands out only this many; the rest are read. */
const MAX_INLINE_DEPENDENCIES = 64;

/** Serialised outputs by node id (parsed only when the step reads them). */
export function dependencyOutputs(g: GraphCore, nodeId: string): Record<string, string> | undefined {
  // Most steps have no dependencies (a fan-out's generators, a pipeline's first steps): one index
  // seek answers them. The query below costs several times that even when it finds nothing (a
  // materialised CTE and a UNION's temporary B-tree; a third of the run object's CPU per step in
  // the 30x5x8 fan-out's profile, docs/benchmarks.md "CPU per step").
  if (g.sql.exec(`SELECT 1 FROM edges WHERE dst = ? LIMIT 1`, nodeId).toArray().length === 0)
    return undefined;
  // One indexed query: direct dependencies, and one hop further through non-step dependencies.
  const rows = g.sql
    .exec(
      `WITH direct AS (SELECT src FROM edges WHERE dst = ?),
            beyond AS (SELECT e.src FROM edges e JOIN nodes j ON j.id = e.dst
                       WHERE e.dst IN (SELECT src FROM direct) AND j.kind != 'step')
       SELECT id, output FROM nodes
       WHERE id IN (SELECT src FROM direct UNION SELECT src FROM beyond)
         AND status = 'done' AND output IS NOT NULL AND output_ref IS NULL
         AND length(CAST(output AS BLOB)) <= ?
       LIMIT ?`,
      nodeId,
      INLINE_DEPENDENCY_OUTPUT_BYTES,
      MAX_INLINE_DEPENDENCIES,
    )
    .toArray();
  if (rows.length === 0) return undefined;
  const outputs: Record<string, string> = {};
  let total = 0;
  for (const row of rows) {
    const json = String(row.output);
    total += json.length;
    if (total > INLINE_DEPENDENCY_TOTAL_BYTES) break;
    outputs[String(row.id)] = json;
  }
  return outputs;
}
