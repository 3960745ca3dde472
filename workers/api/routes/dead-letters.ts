/**
 * /v1/dead-letters — steps messages that could not be delivered, as recorded by the dead-letter
 * consumer: list them (newest first) and re-drive one onto its queue.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { recordAudit } from "../../audit";
import { stepMessageSchema } from "../../engine/step-message";
import { deadLetters } from "../../db/schema";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { validate } from "../validate";

const listSchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(50) });

export const deadLetterRoutes = new Hono<AppEnv>()
  .get("/", validate("query", listSchema), async (c) => {
    const rows = await c
      .get("db")
      .select()
      .from(deadLetters)
      .where(eq(deadLetters.tenantId, c.get("auth").tenantId))
      .orderBy(desc(deadLetters.createdAt))
      .limit(c.req.valid("query").limit)
      .all();
    return c.json({ dead_letters: rows });
  })
  .post("/:id/redrive", validate("param", z.object({ id: z.string().uuid() })), async (c) => {
    const { id } = c.req.valid("param");
    const auth = c.get("auth");
    const db = c.get("db");
    const row = await db
      .select()
      .from(deadLetters)
      .where(
        and(eq(deadLetters.id, id), eq(deadLetters.tenantId, auth.tenantId), isNull(deadLetters.redrivenAt)),
      )
      .get();
    if (!row)
      throw new ApiError(404, "not_found", "No dead letter with this id waiting to be re-driven", { id });
    const message = stepMessageSchema.safeParse(row.body);
    if (!message.success)
      throw new ApiError(409, "not_redrivable", "This message is malformed; re-driving it would fail again");
    await c.env.STEPS.send(message.data);
    await db.update(deadLetters).set({ redrivenAt: Date.now() }).where(eq(deadLetters.id, id));
    await recordAudit(db, {
      tenantId: auth.tenantId,
      apiKeyId: auth.apiKeyId,
      action: "dead_letter.redrive",
      target: id,
      requestId: c.get("requestId"),
    });
    return c.json({ id, redriven: true });
  });
