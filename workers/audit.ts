/**
 * Append-only audit trail in D1: who (key or session, tenant) did what to which target. The
 * actor's name is resolved when the row is written (auth/actor-name.ts), so the row still says
 * who acted after the session ends or the key is revoked.
 */
import { actorNameOf } from "./auth/actor-name";
import type { Db } from "./db/client";
import { auditLog } from "./db/schema";

export type AuditEntry = {
  tenantId: string;
  apiKeyId?: string;
  action: string;
  target?: string;
  requestId?: string;
  details?: Record<string, unknown>;
};

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insert(auditLog)
    .values({ id: crypto.randomUUID(), actorName: actorNameOf(entry.apiKeyId), ...entry });
}
