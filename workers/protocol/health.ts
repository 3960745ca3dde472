/** GET /health: liveness and readiness (no key needed). */
import { z } from "zod";

export const healthCheckSchema = z.object({
  /** True when the check passed; false when it failed or the binding is not configured. */
  ok: z.boolean(),
  state: z.enum(["ok", "failing", "not_configured"]),
  latencyMs: z.number().optional(),
  detail: z.string().optional(),
  error: z.string().optional(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const healthSchema = z
  .object({
    /** "degraded" (HTTP 503) when any configured binding's check failed. */
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    environment: z.string(),
    bindings: z.object({
      d1: healthCheckSchema,
      r2: healthCheckSchema,
      stepsQueue: healthCheckSchema,
      tasksQueue: healthCheckSchema,
      workflowRun: healthCheckSchema,
      providerGuard: healthCheckSchema,
      budgetLedger: healthCheckSchema,
      taskEvents: healthCheckSchema,
      metrics: healthCheckSchema,
      workersAi: healthCheckSchema,
    }),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof healthSchema>;
