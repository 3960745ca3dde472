/**
 * The one error body of the API: every 4xx/5xx answer of our own routes is this JSON, and a
 * live `error` message carries the same inner object.
 */
import { z } from "zod";

export const apiErrorSchema = z.object({
  /** Stable and machine-readable, e.g. `validation_failed`, `not_found`, `rate_limited`. */
  code: z.string(),
  /** A sentence for people. */
  message: z.string(),
  /** Structured facts about the error (e.g. the failed fields); null when there are none. */
  details: z.unknown(),
});
export type ApiErrorPayload = z.infer<typeof apiErrorSchema>;

/**
 * A live `error` message's payload: the same fields, but the run object may leave `details` out
 * (a client message it could not parse has nothing more to say).
 */
export const liveErrorSchema = apiErrorSchema.extend({
  details: z.unknown().optional(),
  /** A refused review action names its gate, so the client shows the refusal at that gate's form. */
  gate: z.string().optional(),
});

export const errorBodySchema = z.object({ error: apiErrorSchema }).meta({ id: "Error" });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The `details` of a `validation_failed` error: one entry per offending field. */
export const fieldIssueSchema = z.object({ path: z.string(), message: z.string(), code: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;
