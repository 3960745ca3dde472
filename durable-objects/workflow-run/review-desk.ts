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
import { AgentReviewer, type AgentAnswer } from "./agent-reviewer";
import { ReviewHistory } from "./review-history";

/** Who answered a gate, for the history and the live `review` message. */
type Answerer = { reviewer: "person" } | AgentAnswer;

/** A decision on a reviewed output, with the prompt that made it (GET /v1/prompts/stats). */
export type PromptDecision = {
  gate: string;
  nodeId: string;
  template: string;
  version: string;
  variant: string;
  resolution: "approve" | "skip";
  reviewer: "person" | "agent";
  revisions: number;
  costUsd: number;
  at: number;
};
const PERSON: Answerer = { reviewer: "person" };

const PREVIEW_LIMIT_CHARS = 8_000;

export class ReviewDesk {
  /** Gates opened during the current operation: buffered actions for them apply afterwards. */
  private openedGates: string[] = [];
  readonly history: ReviewHistory;
  readonly agent: AgentReviewer;

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
    /** A reviewed output was approved or skipped: a row for the prompt stats (written to D1). */
    private readonly decided: (decision: PromptDecision) => void = () => {},
  ) {
    this.history = new ReviewHistory(sql);
    this.agent = new AgentReviewer({
      sql,
      graph,
      history: this.history,
      run,
      hasHandler: (pipeline, handler) => catalog().hasHandler(pipeline, handler),
      answer: (gate, action, who, now) => {
        if (this.graph.review(gate, action, now).applied) this.announce(gate, action, who, now);
      },
      handOver: (gate, note, who, now) => {
        this.recordAnswer(gate, "defer", who, note, now);
        this.emit({ type: "review", review: { ...this.reviewEvent(gate, "open"), reviewer: "agent", note } });
      },
    });
  }

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

  /** Applies a person's action (or keeps it for its gate); returns whether it was buffered. */
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
    this.announce(gateId, action, PERSON, now);
    return false;
  }

  /**
   * Answers gates that opened during the operation: an action a person sent before the gate
   * opened, else (auto and hybrid modes) the agent starts a critic; then the verdicts of critics
   * that finished. An answer may open further gates, so this repeats until nothing changes.
   */
  applyBuffered(now: number): void {
    do this.answerOpened(now);
    while (this.agent.settle(now));
  }

  private answerOpened(now: number): void {
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
      } else {
        this.agent.gateOpened(gate, now);
        continue;
      }
      try {
        if (this.graph.review(gate, action, now).applied) this.announce(gate, action, PERSON, now);
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        this.emit({
          type: "error",
          error: { code: err.code, message: err.message, details: { gate }, gate },
        });
      }
    }
  }

  openReviews(): ReviewEvent[] {
    return this.sql
      .exec("SELECT id FROM nodes WHERE kind = 'gate' AND status = 'waiting' ORDER BY seq")
      .toArray()
      .map((row) => this.reviewEvent(String(row.id), "open"));
  }

  private announce(gateId: string, action: CheckedReview, who: Answerer, now: number): void {
    this.countAction(gateId, action.action);
    if (action.action === "approve" || action.action === "skip") this.decide(gateId, action.action, who, now);
    const feedback =
      action.action === "revise" ? action.feedback : who.reviewer === "agent" ? who.note : null;
    this.recordAnswer(gateId, action.action, who, feedback, now);
    const note = who.reviewer === "agent" ? { note: who.note } : {};
    if (action.action === "edit" || action.action === "select") {
      this.emit({ type: "review", review: this.reviewEvent(gateId, "open") });
      // A person changed the output under review: in auto/hybrid the agent judges the new one.
      this.agent.gateOpened(gateId, now);
    } else if (this.graph.gate(gateId) && action.action !== "back" && action.action !== "revise") {
      this.emit({
        type: "review",
        review: {
          ...this.reviewEvent(gateId, "closed"),
          resolution: action.action,
          reviewer: who.reviewer,
          ...note,
        },
      });
    }
  }

  /** Reports a decision with the reviewed node's prompt (steps record it; else its handler). */
  private decide(gateId: string, resolution: "approve" | "skip", who: Answerer, now: number): void {
    const run = this.run();
    const reviews = this.graph.gate(gateId)?.reviews;
    if (!run || !reviews) return;
    const row = this.sql
      .exec("SELECT handler, prompt, cost_usd FROM nodes WHERE id = ?", reviews)
      .toArray()[0];
    if (!row) return;
    const recorded = row.prompt ? (JSON.parse(String(row.prompt)) as Partial<PromptDecision>) : {};
    this.decided({
      gate: gateId,
      nodeId: reviews,
      template: recorded.template ?? `${run.pipeline}/${String(row.handler)}`,
      version: recorded.version ?? "unversioned",
      variant: recorded.variant ?? "base",
      resolution,
      reviewer: who.reviewer,
      revisions: this.history.revisionsSinceDecision(gateId),
      costUsd: Number(row.cost_usd ?? 0),
      at: now,
    });
  }

  private recordAnswer(
    gateId: string,
    action: CheckedReview["action"] | "defer",
    who: Answerer,
    feedback: string | null,
    now: number,
  ): void {
    const reviews = this.graph.gate(gateId)?.reviews ?? "";
    this.history.record({
      gate: gateId,
      reviews,
      version: this.graph.output(reviews)?.version ?? 0,
      action,
      reviewer: who.reviewer,
      feedback: feedback || null,
      confidence: who.reviewer === "agent" ? who.confidence : null,
      critic: who.reviewer === "agent" ? who.critic : null,
      at: now,
    });
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
