/**
 * Audit rows for what a live socket does. The HTTP routes audit their actions in the audit_log
 * table (workers/audit.ts); a socket's review, pause, resume and cancel are the same actions, so
 * they get the same rows: same action names and targets, the key that opened the socket, and
 * `via: "websocket"`.
 */
import type { ClientMessage } from "../../workers/engine/protocol";
import { log } from "../../workers/observability/log";

type ActionMessage = Exclude<ClientMessage, { type: "subscribe" }>;

export function socketAuditEntry(runId: string, message: ActionMessage) {
  return message.type === "review"
    ? { action: `workflow.review.${message.review.action}`, target: `${runId}/${message.gate}` }
    : { action: `workflow.${message.type}`, target: runId };
}

/** Records one socket action; a failure is logged, never thrown at the client that acted. */
export async function auditSocketAction(
  db: D1Database,
  run: { id: string; tenantId: string },
  apiKeyId: string | null,
  message: ActionMessage,
): Promise<void> {
  try {
    // drizzle and the D1 schema load with the first socket action, not when the isolate starts:
    // the run object imports this module, and most isolates never audit a socket (issue 16).
    const [{ openDb }, { auditLog }, { actorNameOf }] = await Promise.all([
      import("../../workers/db/client"),
      import("../../workers/db/schema"),
      import("../../workers/auth/actor-name"),
    ]);
    await openDb(db)
      .insert(auditLog)
      .values({
        id: crypto.randomUUID(),
        tenantId: run.tenantId,
        ...(apiKeyId ? { apiKeyId, actorName: actorNameOf(apiKeyId) } : {}),
        ...socketAuditEntry(run.id, message),
        details: {
          via: "websocket",
          ...(message.type === "resume" && message.budgetUsd !== undefined
            ? { budgetUsd: message.budgetUsd }
            : {}),
          ...(message.type === "mode" ? { mode: message.mode } : {}),
        },
      });
  } catch (err) {
    log.error("socket audit write failed", { runId: run.id, error: err });
  }
}
