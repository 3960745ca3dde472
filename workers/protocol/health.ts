/** GET /health: liveness and readiness (no key needed). */
import { z } from "zod";

export const healthCheckSchema = z.object({
  ok: z.boolean(),
  latencyMs: z.number().optional(),
  detail: z.string().optional(),
  error: z.string().optional(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    environment: z.string(),
    bindings: z.object({
      d1: healthCheckSchema,
      r2: healthCheckSchema,
      queue: healthCheckSchema,
      workflowRun: healthCheckSchema,
      workersAi: healthCheckSchema,
    }),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof healthSchema>;
