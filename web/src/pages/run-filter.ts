/** Client-side search over the runs list: every word must appear in the title, id or pipeline. */
import type { WorkflowRow } from "../../../workers/protocol/workflows.ts";

export function matchesSearch(run: WorkflowRow, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = `${run.title ?? ""} ${run.id} ${run.pipeline}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Share of a run's steps that are finished (done or failed), 0–1. */
export function runShare(run: WorkflowRow): number {
  return run.nodes.total ? (run.nodes.done + run.nodes.failed) / run.nodes.total : 0;
}
