/**
 * /v1/dead-letters — steps messages that could not be delivered, as recorded by the dead-letter
 * consumer: list them (newest first) and re-drive one onto its queue.
 */
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../../audit";
import { stepMessageSchema } from "../../engine/step-message-schema";
import { deadLetters } from "../../db/schema";
import {
  deadLetterIdParamSchema,
  deadLetterListSchema,
  listDeadLettersQuerySchema,
  redrivenSchema,
} from "../../protocol/dead-letters";
import { ApiError } from "../errors";
import { apiRouter, bearer, errors, json } from "../openapi";

const tags = ["Dead letters"];

export const deadLetterRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "List the tenant's dead-lettered step messages, newest first",
      security: bearer,
      request: { query: listDeadLettersQuerySchema },
      responses: { 200: json(deadLetterListSchema, "Dead letters"), ...errors(400, 401) },
    }),
    async (c) => {
      const rows = await c
        .get("db")
        .select({
          id: deadLetters.id,
          queue: deadLetters.queue,
          runId: deadLetters.runId,
          nodeId: deadLetters.nodeId,
          reason: deadLetters.reason,
          body: deadLetters.body,
          createdAt: deadLetters.createdAt,
          redrivenAt: deadLetters.redrivenAt,
        })
        .from(deadLetters)
        .where(eq(deadLetters.tenantId, c.get("auth").tenantId))
        .orderBy(desc(deadLetters.createdAt))
        .limit(c.req.valid("query").limit)
        .all();
      return c.json({ deadLetters: rows }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/redrive",
      tags,
      summary: "Put a dead-lettered step message back on its queue",
      security: bearer,
      request: { params: deadLetterIdParamSchema },
      responses: { 200: json(redrivenSchema, "Re-driven"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const auth = c.get("auth");
      const db = c.get("db");
      const row = await db
        .select()
        .from(deadLetters)
        .where(
          and(
            eq(deadLetters.id, id),
            eq(deadLetters.tenantId, auth.tenantId),
            isNull(deadLetters.redrivenAt),
          ),
        )
        .get();
      if (!row)
        throw new ApiError(404, "not_found", "No dead letter with this id waiting to be re-driven", { id });
      const message = stepMessageSchema.safeParse(row.body);
      if (!message.success)
        throw new ApiError(
          409,
          "not_redrivable",
          "This message is malformed; re-driving it would fail again",
        );
      await c.env.STEPS.send(message.data);
      await db.update(deadLetters).set({ redrivenAt: Date.now() }).where(eq(deadLetters.id, id));
      await recordAudit(db, {
        tenantId: auth.tenantId,
        apiKeyId: auth.apiKeyId,
        action: "dead_letter.redrive",
        target: id,
        requestId: c.get("requestId"),
      });
      return c.json({ id, redriven: true as const }, 200);
    },
  );
