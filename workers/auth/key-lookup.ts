/**
 * An API key's row with what it may do: its role bounded by its member's, its scopes and the
 * name to show for it (the member's name, or the key's own for keys made before accounts).
 * A key whose member has left its team no longer works.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKeys, teamMembers, user } from "../db/schema";
import { isRole, lowerRole, type Role } from "./roles";

export type KeyIdentity = {
  apiKeyId: string;
  tenantId: string;
  role: Role;
  scopes: readonly string[] | null;
  userId: string | null;
  actorName: string;
};

export async function lookUpKey(db: Db, keyHash: string): Promise<KeyIdentity | null> {
  const row = await db
    .select({
      id: apiKeys.id,
      tenantId: apiKeys.tenantId,
      name: apiKeys.name,
      role: apiKeys.role,
      scopes: apiKeys.scopes,
      memberId: apiKeys.memberId,
      memberTeam: teamMembers.teamId,
      memberRole: teamMembers.role,
      userId: teamMembers.userId,
      userName: user.name,
    })
    .from(apiKeys)
    .leftJoin(teamMembers, eq(teamMembers.id, apiKeys.memberId))
    .leftJoin(user, eq(user.id, teamMembers.userId))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .get();
  if (!row || !isRole(row.role)) return null;
  if (row.memberId && (row.memberTeam !== row.tenantId || !isRole(row.memberRole))) return null;
  const role = isRole(row.memberRole) ? lowerRole(row.role, row.memberRole) : row.role;
  return {
    apiKeyId: row.id,
    tenantId: row.tenantId,
    role,
    scopes: row.scopes ?? null,
    userId: row.userId ?? null,
    actorName: row.userName ?? row.name,
  };
}
