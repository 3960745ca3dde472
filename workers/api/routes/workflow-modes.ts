/**
 * A run's agent mode and review history: switch who answers the gates while the run is live
 * (POST /v1/workflows/:id/mode), and read every answer given so far, by people and by the agent
 * (GET /v1/workflows/:id/reviews). Mounted before routes/workflows.ts, whose `/{id}/{action}`
 * would otherwise take `mode` for an unknown control action.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { recordAudit } from "../../audit";
import { runStub } from "../../engine/run-stub";
import {
  modeChangeSchema,
  reviewHistorySchema,
  setModeSchema,
  workflowIdSchema,
} from "../../protocol/workflows";
import { apiRouter, bearer, errors, json, jsonBody } from "../openapi";
import { ownedWorkflow, unwrap } from "../workflow-access";

const idParam = z.object({ id: workflowIdSchema });
const tags = ["Workflows"];

const historyQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
});

export const workflowModeRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/mode",
      tags,
      summary: "Switch the run's agent mode (dialog, auto, hybrid) while it is live",
      description:
        "Effective at the next gate: to `dialog`, gates that open from now on wait for a person; " +
        "to `auto` or `hybrid`, gates waiting now are handed to the critic at once " +
        '(`criticsStarted`). The same switch is the socket message `{ type: "mode", mode }`.',
      security: bearer,
      request: { params: idParam, body: jsonBody(setModeSchema) },
      responses: { 200: json(modeChangeSchema, "The mode now and before"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { mode } = c.req.valid("json");
      await ownedWorkflow(c, id);
      const change = modeChangeSchema.parse(unwrap(await runStub(c.env, id).setMode(mode)));
      const auth = c.get("auth");
      await recordAudit(c.get("db"), {
        tenantId: auth.tenantId,
        apiKeyId: auth.apiKeyId,
        action: "workflow.mode",
        target: id,
        details: { mode, previous: change.previous },
        requestId: c.get("requestId"),
      });
      return c.json(change, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/reviews",
      tags,
      summary: "The run's review history: every answer to a gate, by a person or the agent",
      security: bearer,
      request: { params: idParam, query: historyQuerySchema },
      responses: {
        200: json(reviewHistorySchema, "Oldest first; page with `after` (the last id)"),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { after, limit } = c.req.valid("query");
      await ownedWorkflow(c, id);
      const reviews = unwrap(await runStub(c.env, id).reviewHistory(after, limit));
      return c.json(reviewHistorySchema.parse({ reviews }), 200);
    },
  );
