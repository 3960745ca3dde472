/**
 * GET /v1/audit — the tenant's audit trail, newest first: who (which key) did what to which
 * target, over HTTP or a live socket (`details.via`). Filters: action (exact or dotted prefix),
 * run (the run and its gates), time range; pages by cursor.
 */
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { auditLog } from "../../db/schema";
import { auditPageSchema, listAuditQuerySchema } from "../../protocol/audit";
import { apiRouter, bearer, errors, json } from "../openapi";
import { olderThan, pageOf } from "../page-cursor";

/** `column` starts with `prefix`, the prefix's own LIKE wildcards escaped (`_` is common here). */
function startsWith(column: SQLiteColumn, prefix: string): SQL {
  const pattern = `${prefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

export const auditRoutes = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Audit"],
    summary: "The tenant's audit trail, newest first (filter by action, run and time)",
    security: bearer,
    request: { query: listAuditQuerySchema },
    responses: { 200: json(auditPageSchema, "A page of audit entries"), ...errors(400, 401) },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const where: (SQL | undefined)[] = [eq(auditLog.tenantId, c.get("auth").tenantId)];
    if (q.action) where.push(or(eq(auditLog.action, q.action), startsWith(auditLog.action, `${q.action}.`)));
    if (q.run) where.push(or(eq(auditLog.target, q.run), startsWith(auditLog.target, `${q.run}/`)));
    if (q.since !== undefined) where.push(gte(auditLog.createdAt, q.since));
    if (q.until !== undefined) where.push(lt(auditLog.createdAt, q.until));
    if (q.cursor) where.push(olderThan(auditLog, q.cursor));
    const rows = await c
      .get("db")
      .select({
        id: auditLog.id,
        action: auditLog.action,
        target: auditLog.target,
        apiKeyId: auditLog.apiKeyId,
        requestId: auditLog.requestId,
        details: auditLog.details,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(q.limit + 1)
      .all();
    const page = pageOf(rows, q.limit);
    return c.json({ entries: page.items, nextCursor: page.nextCursor }, 200);
  },
);
