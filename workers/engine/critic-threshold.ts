/**
 * In hybrid mode, a critic below this confidence hands the gate to a person. Apart from
 * run-options.ts (which re-exports the zod run-options schema) so the run object can read it
 * without building the workflow protocol's schemas at start-up (issue 16, cold start).
 */
export const DEFAULT_CRITIC_THRESHOLD = 0.7;
