/**
 * Review actions on a gate. A gate that is not open yet keeps the action until it opens
 * (nothing a reviewer sends is lost: the owner stores it and applies it when the gate opens);
 * `back` may target any gate that was already passed.
 */
import type { ReviewAction } from "../protocol";
import type { GraphCore } from "./core";
import { EngineError } from "./errors";
import {
  addEditedVersion,
  closeGate,
  gateOf,
  reopenGate,
  revise,
  selectVersion,
  skipToFallback,
  versionsOf,
} from "./versions";

export type ReviewOutcome = { applied: true; reopened?: string } | { applied: false; buffered: true };

/**
 * An `edit` whose output was checked (and moved to R2 when large) by the owner; a `skip` the
 * owner found a fallback for (the reviewed step declares one: see StepCatalog.hasFallback).
 */
export type CheckedReview =
  | Exclude<ReviewAction, { action: "edit" } | { action: "skip" }>
  | { action: "edit"; output: unknown; outputRef?: string | null }
  | { action: "skip"; fallback?: boolean };

/** Applies `review` to `gateId`; throws EngineError (404 unknown gate/version, 409 closed gate). */
export function applyReview(g: GraphCore, gateId: string, review: CheckedReview, now: number): ReviewOutcome {
  const gate = gateOf(g, gateId);
  if (!gate)
    throw new EngineError(404, "unknown_gate", `No review gate "${gateId}" in this run`, { gate: gateId });

  if (review.action === "back") {
    const target = gateOf(g, review.to);
    if (!target) throw new EngineError(404, "unknown_gate", `No review gate "${review.to}" to go back to`);
    // Only a gate a person passed can be reopened: one skipped because its subject failed has
    // nothing to review (retry the run instead).
    if ((target.status !== "done" && target.status !== "skipped") || target.blocked) {
      throw new EngineError(409, "gate_not_passed", `Gate "${review.to}" has not been passed yet`);
    }
    reopenGate(g, review.to);
    return { applied: true, reopened: review.to };
  }

  if (gate.status === "pending" || gate.status === "ready") return { applied: false, buffered: true };
  if (gate.status !== "waiting")
    throw new EngineError(409, "gate_closed", `Gate "${gateId}" is ${gate.status}`);

  switch (review.action) {
    case "approve":
      closeGate(g, gateId, "done", now);
      break;
    case "skip":
      // With a fallback the phase really is skipped: its step's deterministic fallback replaces
      // the output and the gate closes as skipped once it is in. Without one the output stands.
      if (review.fallback) skipToFallback(g, gateId, gate.reviews);
      else closeGate(g, gateId, "skipped", now);
      break;
    case "revise":
      revise(g, gateId, gate.reviews, review.feedback);
      break;
    case "edit":
      addEditedVersion(g, gate.reviews, review, now);
      break;
    case "select":
      if (!selectVersion(g, gate.reviews, review.version)) {
        const kept = versionsOf(g, gate.reviews).join(", ");
        throw new EngineError(
          404,
          "unknown_version",
          `"${gate.reviews}" has no version ${review.version} (kept: ${kept})`,
        );
      }
      break;
  }
  return { applied: true };
}
