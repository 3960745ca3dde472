/**
 * The agent side of review gates (modes `auto` and `hybrid`). When a gate opens with nobody's
 * answer waiting for it, the agent adds a `critic` node (a step the consumers run through the
 * gateway, workers/pipelines/critic/); when that node finishes, its verdict answers the gate:
 * approve, or revise with the critic's feedback — at most MAX_AGENT_REVISIONS in a row, then
 * approve with a note. In `hybrid`, a gate whose phase is in `humanReview`, or whose critic is
 * less confident than `criticThreshold`, is handed to a person instead (a `defer` in the
 * history). A verdict is dropped when the gate is no longer waiting (a person answered first)
 * or the run was switched to `dialog` meanwhile: the mode counts at the moment of answering.
 */
import {
  CRITIC_HANDLER,
  MAX_AGENT_REVISIONS,
  criticSchemas,
  phaseOfGate,
} from "../../workers/engine/agent-review";
import { DEFAULT_CRITIC_THRESHOLD } from "../../workers/engine/critic-threshold";
import type { CheckedReview, RunGraph, SqlPort } from "../../workers/engine/graph";
import type { RunOptions } from "../../workers/engine/types";
import type { ReviewHistory } from "./review-history";

export type AgentAnswer = {
  reviewer: "agent";
  note: string;
  confidence: number | null;
  critic: string | null;
};

export type AgentReviewerDeps = {
  sql: SqlPort;
  graph: RunGraph;
  history: ReviewHistory;
  run: () => { pipeline: string; options: RunOptions } | null;
  hasHandler: (pipeline: string, handler: string) => boolean;
  /** Applies an action to a waiting gate as the agent (graph, history, live message). */
  answer: (gate: string, action: CheckedReview, who: AgentAnswer, now: number) => void;
  /** Tells people a gate waits for them although the run is not in dialog mode. */
  handOver: (gate: string, note: string, who: AgentAnswer, now: number) => void;
};

export class AgentReviewer {
  constructor(private readonly deps: AgentReviewerDeps) {}

  /** Whether the agent answers gates now (the run's current mode). */
  private get mode(): RunOptions["mode"] {
    return this.deps.run()?.options.mode ?? "dialog";
  }

  /** A gate opened (or the run switched to auto/hybrid while it waits): start its critic. */
  gateOpened(gate: string, now: number): string | null {
    const run = this.deps.run();
    const { graph, sql } = this.deps;
    if (!run || this.mode === "dialog") return null;
    const subject = graph.gate(gate);
    if (!subject || subject.status !== "waiting") return null;
    const pending = sql
      .exec("SELECT 1 AS x FROM critiques WHERE gate = ? AND state = 'pending'", gate)
      .toArray();
    if (pending.length > 0) return null;
    const phase = phaseOfGate(gate);
    const handler = graph.nodeHandler(subject.reviews) ?? "";
    const version = graph.output(subject.reviews)?.version ?? 0;
    if (this.mode === "hybrid" && this.isHumanPhase(run.options, phase, handler)) {
      this.deps.handOver(gate, `The phase "${phase}" is marked for human review.`, agent(null, null), now);
      return null;
    }
    const n = Number(sql.exec("SELECT count(*) AS n FROM critiques WHERE gate = ?", gate).one().n) + 1;
    const nodeId = `${gate}/critic-${n}`;
    graph.addNodes(
      [
        {
          id: nodeId,
          handler: CRITIC_HANDLER,
          input: {
            gate,
            reviews: subject.reviews,
            handler,
            phase,
            version,
            round: this.deps.history.agentRevisionsInARow(gate) + 1,
          },
          title: `Critic: ${phase} (v${version})`,
        },
      ],
      null,
      now,
      (h) => this.deps.hasHandler(run.pipeline, h),
    );
    sql.exec(
      "INSERT INTO critiques (node_id, gate, state, at) VALUES (?, ?, 'pending', ?)",
      nodeId,
      gate,
      now,
    );
    return nodeId;
  }

  /** Applies the verdicts of critics that finished; returns whether any gate was answered. */
  settle(now: number): boolean {
    const { sql, graph } = this.deps;
    let answered = false;
    const pending = sql.exec("SELECT node_id, gate FROM critiques WHERE state = 'pending'").toArray();
    for (const row of pending) {
      const nodeId = String(row.node_id);
      const gate = String(row.gate);
      const found = graph.output(nodeId);
      if (!found || !["done", "failed", "skipped", "cancelled"].includes(found.status)) continue;
      sql.exec("UPDATE critiques SET state = 'done' WHERE node_id = ?", nodeId);
      const waiting = graph.gate(gate);
      // A person answered first, or the run went back to dialog: the verdict is moot.
      if (waiting?.status !== "waiting" || this.mode === "dialog") continue;
      const parsed = criticSchemas().criticResultSchema.safeParse(found.output);
      if (!parsed.success) {
        this.onCriticFailed(gate, nodeId, now);
        answered = true;
        continue;
      }
      const result = parsed.data;
      if (result.version !== graph.output(waiting.reviews)?.version) {
        // Someone changed the reviewed output while the critic read it: judge the new one.
        this.gateOpened(gate, now);
        continue;
      }
      const run = this.deps.run()!;
      const threshold = run.options.criticThreshold ?? DEFAULT_CRITIC_THRESHOLD;
      if (this.mode === "hybrid" && result.confidence < threshold) {
        const note = `The critic is unsure (confidence ${result.confidence.toFixed(2)} < ${threshold}): ${result.verdict} — ${result.feedback}`;
        this.deps.handOver(gate, note, agent(result.confidence, nodeId), now);
        continue;
      }
      answered = true;
      const who = agent(result.confidence, nodeId);
      if (result.verdict === "approve") {
        this.deps.answer(gate, { action: "approve" }, { ...who, note: result.feedback }, now);
      } else if (this.deps.history.agentRevisionsInARow(gate) < MAX_AGENT_REVISIONS) {
        this.deps.answer(
          gate,
          { action: "revise", feedback: result.feedback },
          { ...who, note: result.feedback },
          now,
        );
      } else {
        const note = `Approved after ${MAX_AGENT_REVISIONS} agent revisions; the critic still asks: ${result.feedback}`;
        this.deps.answer(gate, { action: "approve" }, { ...who, note }, now);
      }
    }
    return answered;
  }

  /** Open gates the agent should answer after a switch to auto or hybrid; starts their critics. */
  takeOver(now: number): string[] {
    const started: string[] = [];
    const gates = this.deps.sql
      .exec("SELECT id FROM nodes WHERE kind = 'gate' AND status = 'waiting' ORDER BY seq")
      .toArray();
    for (const row of gates) {
      const critic = this.gateOpened(String(row.id), now);
      if (critic) started.push(String(row.id));
    }
    return started;
  }

  private onCriticFailed(gate: string, nodeId: string, now: number): void {
    const note = `The critic ${nodeId} gave no verdict (see its error)`;
    if (this.mode === "hybrid")
      this.deps.handOver(gate, `${note}: a person decides.`, agent(null, nodeId), now);
    // In auto nobody is there to ask: approving keeps the run going, and the note says why.
    else
      this.deps.answer(
        gate,
        { action: "approve" },
        { ...agent(null, nodeId), note: `${note}; approved unchecked.` },
        now,
      );
  }

  private isHumanPhase(options: RunOptions, phase: string, handler: string): boolean {
    const marked = options.humanReview ?? [];
    return marked.includes(phase) || (handler !== "" && marked.includes(handler));
  }
}

function agent(confidence: number | null, critic: string | null): AgentAnswer {
  return { reviewer: "agent", note: "", confidence, critic };
}
