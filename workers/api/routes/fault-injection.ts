/**
 * POST /v1/workflows/:id/faults/reset — answers only on a server started with the `reset-route`
 * fault (workers/engine/fault-injection.ts), for the fault suite; everywhere else it is a 404,
 * like a run that does not exist. Declared in the API description like every route, marked so.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { faultEnabled } from "../../engine/fault-injection";
import { runStub } from "../../engine/run-stub";
import { workflowIdSchema } from "../../protocol/workflows";
import { ApiError } from "../errors";
import { apiRouter, bearer, errors, json } from "../openapi";
import { ownedWorkflow } from "../workflow-access";

export const faultInjectionRoutes = apiRouter().openapi(
  createRoute({
    method: "post",
    path: "/{id}/faults/reset",
    tags: ["Testing"],
    summary:
      "Resets the run's Durable Object (fault suite only: 404 unless the server runs with FAULT_INJECTION=reset-route)",
    security: bearer,
    request: { params: z.object({ id: workflowIdSchema }) },
    responses: {
      200: json(z.object({ reset: z.literal(true) }), "The object was reset"),
      ...errors(401, 404),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    if (!faultEnabled(c.env, "reset-route")) throw new ApiError(404, "not_found", "Not found");
    await ownedWorkflow(c, id);
    await runStub(c.env, id).resetForFaultInjection();
    return c.json({ reset: true as const }, 200);
  },
);
