/** GET /v1/audit: the tenant's audit trail; GET /v1/notifications: its in-app notifications. */
import { z } from "zod";

const time = z.coerce.number().int().min(0);

export const listAuditQuerySchema = z.strictObject({
  /** An action (`workflow.pause`) or a dotted prefix of actions (`workflow.review`, `key`). */
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,99}$/, "an action name such as workflow.review")
    .optional(),
  /** Only entries about this run (the run itself and its gates). */
  run: z
    .string()
    .regex(/^wf_[0-9a-f]{32}$/, "not a workflow id")
    .optional(),
  /** Epoch milliseconds, inclusive. */
  since: time.optional(),
  /** Epoch milliseconds, exclusive. */
  until: time.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

export const auditEntrySchema = z
  .object({
    id: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    /** The API key that acted (null for actions of the platform itself). */
    apiKeyId: z.string().nullable(),
    requestId: z.string().nullable(),
    /** Extra facts, e.g. `{ via: "websocket" }` for a socket action, `{ budgetUsd }` for a resume. */
    details: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.number(),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const listNotificationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const notificationSchema = z
  .object({
    id: z.string(),
    /** `alert.fired` or `alert.resolved` today. */
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    data: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.number(),
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z.object({
  notifications: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;
