/**
 * What the engine needs to know about a run's pipeline, without importing pipelines: the
 * WorkflowRun object is handed a catalog by the Worker entry (workers/index.ts), which is the
 * only place that knows both. Pipelines implement it (workers/pipelines/catalog.ts).
 */

/** One schema problem, with the dotted path of the field it concerns. */
export type FieldIssue = { path: string; message: string; code?: string };

/** A phase-specific preview of a reviewed output (concept card, image grid, …): see protocol/live.ts. */
export type { ReviewView } from "../protocol/live";
import type { ReviewView } from "../protocol/live";

/** Where the previewed output is: the URLs a preview links to are built from these. */
export type PreviewAt = { runId: string; nodeId: string; version: number };

export type OutputCheck = { ok: true; output: unknown } | { ok: false; issues: FieldIssue[] };

export interface StepCatalog {
  /** True when the run's pipeline has a step handler named `handler` (spawned nodes are checked). */
  hasHandler(pipeline: string, handler: string): boolean;
  /**
   * Parses an output for `handler` with that step's output schema: a reviewer's `edit` is checked
   * here before anything is stored. The parsed value (defaults applied) is what gets stored.
   */
  checkOutput(pipeline: string, handler: string, output: unknown): OutputCheck;
  /** True when `handler` declares a deterministic fallback a reviewer's `skip` re-runs it with. */
  hasFallback?(pipeline: string, handler: string): boolean;
  /**
   * The preview a person reviews for `handler`'s output, made for that step (images as URLs),
   * or null when the step has none (the review message then carries the output itself).
   */
  preview(pipeline: string, handler: string, output: unknown, at: PreviewAt): ReviewView | null;
}
