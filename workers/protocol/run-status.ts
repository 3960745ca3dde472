import type { RunStatus } from "./live.ts";

/** The statuses a run does not leave; without zod, so the run object reads it at start-up. */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = [
  "completed",
  "completed_with_errors",
  "failed",
  "cancelled",
];
