/** Append-only audit trail in D1: who (key, tenant) did what to which target. */
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
  await db.insert(auditLog).values({ id: crypto.randomUUID(), ...entry });
}
