/** GET /v1/notifications — the tenant's in-app notifications (alerts firing and resolving), newest first. */
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { notifications } from "../../db/schema";
import { listNotificationsQuerySchema, notificationPageSchema } from "../../protocol/audit";
import { apiRouter, bearer, errors, json } from "../openapi";
import { olderThan, pageOf } from "../page-cursor";

export const notificationRoutes = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Notifications"],
    summary: "The tenant's notifications, newest first",
    security: bearer,
    request: { query: listNotificationsQuerySchema },
    responses: { 200: json(notificationPageSchema, "A page of notifications"), ...errors(400, 401) },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const where: (SQL | undefined)[] = [eq(notifications.tenantId, c.get("auth").tenantId)];
    if (q.cursor) where.push(olderThan(notifications, q.cursor));
    const rows = await c
      .get("db")
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        data: notifications.data,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(and(...where))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit + 1)
      .all();
    const page = pageOf(rows, q.limit);
    return c.json({ notifications: page.items, nextCursor: page.nextCursor }, 200);
  },
);
