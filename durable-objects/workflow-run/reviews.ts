/**
 * Review actions on a gate. A gate that is not open yet keeps the action until it opens
 * (nothing a reviewer sends is lost); `back` may target any gate that was already passed.
 */
import type { ReviewAction } from "../../workers/engine/protocol";
import type { RunGraph } from "./graph";

export type ReviewResult =
  | { ok: true; applied: boolean; buffered: boolean; reopened?: string }
  | { ok: false; status: 404 | 409; code: string; message: string };

export function applyReview(
  graph: RunGraph,
  gateId: string,
  review: ReviewAction,
  now: number,
  /** For an edit whose output was stored in R2 (edit-storage.ts): its key. */
  outputRef: string | null = null,
): ReviewResult {
  const gate = graph.gate(gateId);
  if (!gate)
    return {
      ok: false,
      status: 404,
      code: "unknown_gate",
      message: `No review gate "${gateId}" in this run`,
    };

  if (review.action === "back") {
    const target = graph.gate(review.to);
    if (!target)
      return {
        ok: false,
        status: 404,
        code: "unknown_gate",
        message: `No review gate "${review.to}" to go back to`,
      };
    if (target.status !== "done" && target.status !== "skipped") {
      return {
        ok: false,
        status: 409,
        code: "gate_not_passed",
        message: `Gate "${review.to}" has not been passed yet`,
      };
    }
    graph.reopenGate(review.to);
    return { ok: true, applied: true, buffered: false, reopened: review.to };
  }

  if (gate.status === "pending" || gate.status === "ready") {
    return { ok: true, applied: false, buffered: true };
  }
  if (gate.status !== "waiting") {
    return { ok: false, status: 409, code: "gate_closed", message: `Gate "${gateId}" is ${gate.status}` };
  }

  switch (review.action) {
    case "approve":
      graph.closeGate(gateId, "done", now);
      break;
    case "skip":
      graph.closeGate(gateId, "skipped", now);
      break;
    case "revise":
      graph.revise(gateId, gate.reviews, review.feedback);
      break;
    case "edit":
      graph.addEditedVersion(gate.reviews, review.output, now, outputRef);
      break;
    case "select":
      if (!graph.selectVersion(gate.reviews, review.version)) {
        return {
          ok: false,
          status: 404,
          code: "unknown_version",
          message: `"${gate.reviews}" has no version ${review.version} (kept: ${graph.versionsOf(gate.reviews).join(", ")})`,
        };
      }
      break;
  }
  return { ok: true, applied: true, buffered: false };
}
