/**
 * /v1/workflows/:id/{ws,events,tickets} — a run's live streams. Servers authenticate with the key
 * header as everywhere; browsers buy a single-use ticket first (live-access.ts), so no key is ever
 * in a URL. Mounted before the workflow routes: `POST /{id}/tickets` is not a control action.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { runStub } from "../../engine/run-stub";
import { liveTicketSchema, workflowIdSchema } from "../../protocol/workflows";
import { ApiError } from "../errors";
import { forwardLive, liveKeyId } from "../live-access";
import { apiRouter, bearer, errors, json, raw } from "../openapi";
import { ownedWorkflow, unwrap } from "../workflow-access";

const idParam = z.object({ id: workflowIdSchema });
const tags = ["Workflows"];

export const workflowLiveRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/tickets",
      tags,
      summary:
        "A single-use ticket (60 s) that opens /ws or /events once: browsers cannot send headers there",
      security: bearer,
      request: { params: idParam },
      responses: { 201: json(liveTicketSchema, "The ticket"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await ownedWorkflow(c, id);
      const ticket = liveTicketSchema.parse(
        unwrap(await runStub(c.env, id).issueTicket(c.get("auth").apiKeyId)),
      );
      c.header("Cache-Control", "no-store");
      return c.json(ticket, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/ws",
      tags,
      summary: "The run's live WebSocket (messages: see the live protocol in the README)",
      security: bearer,
      request: { params: idParam },
      responses: {
        101: { description: "Switching to WebSocket" },
        ...errors(400, 401, 404, 426),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
        throw new ApiError(
          426,
          "upgrade_required",
          "This endpoint speaks WebSocket (send Upgrade: websocket)",
        );
      }
      return forwardLive(c, id, await liveKeyId(c, id));
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/events",
      tags,
      summary: "The run's live messages as Server-Sent Events (resume with Last-Event-ID)",
      security: bearer,
      request: { params: idParam },
      responses: { 200: raw("text/event-stream", "Live messages"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return forwardLive(c, id, await liveKeyId(c, id));
    },
  );
