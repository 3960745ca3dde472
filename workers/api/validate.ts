/**
 * zod validation for request parts with the API's error shape: a failed check is a 400
 * `validation_failed` listing each offending field, and a body that is not JSON at all is a
 * 400 `malformed_json` (raised by Hono's validator and mapped in errors.ts).
 */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors";

export type FieldIssue = { path: string; message: string; code: string };

/** Works for zod errors from any zod entry point (classic and core share `issues`). */
export function issuesOf(error: { issues: readonly z.core.$ZodIssue[] }): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
    code: issue.code,
  }));
}

/**
 * @example
 * app.post("/v1/keys", validate("json", createKeySchema), (c) => c.req.valid("json"));
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiError(400, "validation_failed", `Invalid request ${target}`, {
        issues: issuesOf(result.error),
      });
    }
  });
}
