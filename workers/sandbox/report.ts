/** What a sandbox run reports: one entry per test (or per test file that failed to load). */
import { z } from "zod";

export const TEST_STATUSES = ["passed", "failed", "timeout", "network_refused"] as const;

export const testResultSchema = z.strictObject({
  file: z.string(),
  name: z.string(),
  /** `timeout`: stopped by the loop guard or the per-test clock; `network_refused`: it tried the network. */
  status: z.enum(TEST_STATUSES),
  durationMs: z.number().int().min(0),
  /** What the test logged, then the error (truncated to 4,000 characters). */
  output: z.string(),
});
export type TestResult = z.infer<typeof testResultSchema>;

export const sandboxReportSchema = z.strictObject({
  /** `ok`: every test passed; `failed`: some did not; `error`: the sandbox could not run them. */
  outcome: z.enum(["ok", "failed", "error"]),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  results: z.array(testResultSchema),
  /** Wall time of the whole sandbox call in the Worker. */
  durationMs: z.number().int().min(0),
  /** Why the sandbox could not run the tests (syntax error, limits), when outcome is `error`. */
  error: z.string().optional(),
});
export type SandboxReport = z.infer<typeof sandboxReportSchema>;
