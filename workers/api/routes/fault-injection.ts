/**
 * POST /v1/workflows/:id/faults/reset — only when the server was started with the `reset-route`
 * fault (workers/engine/fault-injection.ts), for the fault suite; otherwise it does not exist.
 * Not in the API description: no deployment has it.
 */
import { Hono } from "hono";
import { faultEnabled } from "../../engine/fault-injection";
import { runStub } from "../../engine/run-stub";
import { workflowIdSchema } from "../../protocol/workflows";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { ownedWorkflow } from "../workflow-access";

export const faultInjectionRoutes = new Hono<AppEnv>().post("/:id/faults/reset", async (c) => {
  const id = workflowIdSchema.safeParse(c.req.param("id"));
  if (!faultEnabled(c.env, "reset-route") || !id.success) throw new ApiError(404, "not_found", "Not found");
  await ownedWorkflow(c, id.data);
  await runStub(c.env, id.data).resetForFaultInjection();
  return c.json({ reset: true });
});
