/**
 * The run's review history: every answer to a gate, by a person or by the agent's critic, in
 * the run object's storage (GET /v1/workflows/:id/reviews). The agent's revision bound counts
 * from here: consecutive agent revisions of a gate, back to the last answer of anyone else.
 */
import type { SqlPort } from "../../workers/engine/graph";
import type { ReviewRecord } from "../../workers/protocol/workflows";

export type NewReviewRecord = Omit<ReviewRecord, "id">;

export class ReviewHistory {
  constructor(private readonly sql: SqlPort) {}

  record(entry: NewReviewRecord): void {
    this.sql.exec(
      `INSERT INTO review_history (gate, reviews, version, action, reviewer, feedback, confidence, critic, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      entry.gate,
      entry.reviews,
      entry.version,
      entry.action,
      entry.reviewer,
      entry.feedback,
      entry.confidence,
      entry.critic,
      entry.at,
    );
  }

  /** Agent revisions of `gate` since anyone last answered it otherwise. */
  agentRevisionsInARow(gate: string): number {
    let count = 0;
    for (const row of this.sql.exec(
      "SELECT action, reviewer FROM review_history WHERE gate = ? ORDER BY id DESC LIMIT 50",
      gate,
    )) {
      if (row.reviewer !== "agent" || row.action !== "revise") break;
      count++;
    }
    return count;
  }

  /** Revisions of `gate` asked for since it was last approved or skipped (the prompt stats). */
  revisionsSinceDecision(gate: string): number {
    let count = 0;
    for (const row of this.sql.exec(
      "SELECT action FROM review_history WHERE gate = ? ORDER BY id DESC LIMIT 200",
      gate,
    )) {
      if (row.action === "approve" || row.action === "skip") break;
      if (row.action === "revise") count++;
    }
    return count;
  }

  list(afterId: number, limit: number): ReviewRecord[] {
    return this.sql
      .exec("SELECT * FROM review_history WHERE id > ? ORDER BY id LIMIT ?", afterId, limit)
      .toArray()
      .map((row) => ({
        id: Number(row.id),
        gate: String(row.gate),
        reviews: String(row.reviews),
        version: Number(row.version),
        action: String(row.action) as ReviewRecord["action"],
        reviewer: String(row.reviewer) as ReviewRecord["reviewer"],
        feedback: row.feedback === null ? null : String(row.feedback),
        confidence: row.confidence === null ? null : Number(row.confidence),
        critic: row.critic === null ? null : String(row.critic),
        at: Number(row.at),
      }));
  }
}
