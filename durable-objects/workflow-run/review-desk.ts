/**
 * Review gates as people see them: actions applied to the graph (or kept until their gate
 * opens), `edit` checked against the reviewed step's output schema, and the `review` messages
 * with a preview of what is under review.
 */
import type { ReviewAction, ReviewEvent } from "../../workers/engine/protocol";
import { EngineError, type CheckedReview, type RunGraph, type SqlPort } from "../../workers/engine/graph";
import type { StepCatalog } from "../../workers/engine/step-catalog";
import type { RunOptions } from "../../workers/engine/types";
import type { NewEvent } from "./event-log";
import { metrics } from "../../workers/observability/metrics";

const PREVIEW_LIMIT_CHARS = 8_000;

export class ReviewDesk {
  /** Gates opened during the current operation: buffered actions for them apply afterwards. */
  private openedGates: string[] = [];

  constructor(
    private readonly sql: SqlPort,
    private readonly graph: RunGraph,
    private readonly emit: (event: NewEvent) => void,
    /** The run as it is now: its pipeline, tenant and options (null before it is created). */
    private readonly run: () => {
      id: string;
      pipeline: string;
      tenantId: string;
      options: RunOptions;
    } | null,
    private readonly catalog: () => StepCatalog,
  ) {}

  gateOpened(gate: string): void {
    this.openedGates.push(gate);
    // When it opened, for the time-to-review metric (kept in storage: a review may take days).
    this.sql.exec("INSERT OR REPLACE INTO gate_opened (gate, at) VALUES (?, ?)", gate, Date.now());
    this.emit({ type: "review", review: this.reviewEvent(gate, "open") });
  }

  mark(): number {
    return this.openedGates.length;
  }
  rollback(mark: number): void {
    this.openedGates.length = mark;
  }

  /**
   * Checks an action before anything is written: an `edit` must match the reviewed step's output
   * schema (400 validation_failed with the field paths otherwise).
   */
  check(gateId: string, action: ReviewAction, pipeline: string, catalog: StepCatalog): CheckedReview {
    if (action.action !== "edit" && action.action !== "skip") return action;
    const gate = this.graph.gate(gateId);
    const handler = gate ? this.graph.nodeHandler(gate.reviews) : null;
    if (!gate || handler === null) return action; // applyReview reports the unknown gate
    if (action.action === "skip") {
      // A step with a fallback is really skipped: the fallback replaces its output (review.ts).
      return catalog.hasFallback?.(pipeline, handler) ? { action: "skip", fallback: true } : action;
    }
    const checked = catalog.checkOutput(pipeline, handler, action.output);
    if (!checked.ok) {
      throw new EngineError(
        400,
        "validation_failed",
        `The edited output does not match the output of "${handler}"`,
        {
          issues: checked.issues.map((i) => ({ ...i, path: i.path ? `output.${i.path}` : "output" })),
        },
      );
    }
    return { action: "edit", output: checked.output };
  }

  /** Applies an action (or keeps it for its gate); returns whether it was buffered. */
  apply(gateId: string, action: CheckedReview, now: number): boolean {
    const outcome = this.graph.review(gateId, action, now);
    if (!outcome.applied) {
      this.sql.exec(
        "INSERT INTO pending_reviews (gate, action, at) VALUES (?, ?, ?)",
        gateId,
        JSON.stringify(action),
        now,
      );
      return true;
    }
    this.announce(gateId, action);
    return false;
  }

  /** Applies actions that arrived before their gate opened, oldest first. */
  applyBuffered(now: number): void {
    while (this.openedGates.length > 0) {
      const gate = this.openedGates.shift()!;
      const row = this.sql
        .exec("SELECT id, action FROM pending_reviews WHERE gate = ? ORDER BY id LIMIT 1", gate)
        .toArray()[0];
      let action: CheckedReview;
      if (row) {
        this.sql.exec("DELETE FROM pending_reviews WHERE id = ?", row.id);
        // Stored by `apply` after `check`, so it is a checked action.
        action = JSON.parse(String(row.action)) as CheckedReview;
      } else if (this.run()?.options.mode === "auto") {
        // Auto mode: nobody is asked; the gate is approved as it opens, announced like any review.
        action = { action: "approve" };
      } else continue;
      try {
        if (this.graph.review(gate, action, now).applied) this.announce(gate, action);
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        this.emit({ type: "error", error: { code: err.code, message: err.message, details: { gate } } });
      }
    }
  }

  openReviews(): ReviewEvent[] {
    return this.sql
      .exec("SELECT id FROM nodes WHERE kind = 'gate' AND status = 'waiting' ORDER BY seq")
      .toArray()
      .map((row) => this.reviewEvent(String(row.id), "open"));
  }

  private announce(gateId: string, action: CheckedReview): void {
    this.countAction(gateId, action.action);
    if (action.action === "edit" || action.action === "select") {
      this.emit({ type: "review", review: this.reviewEvent(gateId, "open") });
    } else if (this.graph.gate(gateId) && action.action !== "back" && action.action !== "revise") {
      this.emit({
        type: "review",
        review: { ...this.reviewEvent(gateId, "closed"), resolution: action.action },
      });
    }
  }

  /** tsumugi_review_actions_total, and the wait since the gate opened for its first answer. */
  private countAction(gateId: string, action: string): void {
    const owner = this.run();
    if (!owner) return;
    const labels = { pipeline: owner.pipeline };
    metrics.count("tsumugi_review_actions_total", { ...labels, action }, 1, owner.tenantId);
    const opened = this.sql.exec("SELECT at FROM gate_opened WHERE gate = ?", gateId).toArray()[0];
    if (!opened) return;
    this.sql.exec("DELETE FROM gate_opened WHERE gate = ?", gateId);
    const seconds = Math.max(0, Date.now() - Number(opened.at)) / 1000;
    metrics.observe("tsumugi_review_wait_seconds", labels, seconds, owner.tenantId);
  }

  private reviewEvent(gateId: string, state: "open" | "closed"): ReviewEvent {
    const reviews = this.graph.gate(gateId)?.reviews ?? "";
    const found = this.graph.output(reviews);
    const base = {
      gate: gateId,
      reviews,
      state,
      version: found?.version ?? 0,
      versions: this.graph.versionsOf(reviews),
    };
    const view = this.viewOf(reviews, found);
    if (view) return { ...base, preview: null, truncated: false, view };
    const text = JSON.stringify(found?.output ?? null);
    const truncated = text.length > PREVIEW_LIMIT_CHARS;
    return {
      ...base,
      preview: truncated ? text.slice(0, PREVIEW_LIMIT_CHARS) : (found?.output ?? null),
      truncated,
    };
  }

  /** The reviewed step's own preview (pipelines make them; see StepCatalog.preview). */
  private viewOf(nodeId: string, found: { output: unknown; version: number } | null | undefined) {
    const run = this.run();
    const handler = this.graph.nodeHandler(nodeId);
    if (!run || !found || found.output == null || handler === null) return null;
    try {
      return this.catalog().preview(run.pipeline, handler, found.output, {
        runId: run.id,
        nodeId,
        version: found.version,
      });
    } catch (err) {
      // A preview that cannot be made must not stop the review: the output is sent instead.
      console.error(JSON.stringify({ level: "error", msg: "preview failed", nodeId, error: String(err) }));
      return null;
    }
  }
}
