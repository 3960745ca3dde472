/**
 * Invitation links: a random token (shown once, in the link `/join/<token>`), stored as its
 * SHA-256 with the role it grants and an expiry. Accepting spends it: one link, one person.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import { ApiError } from "../api/errors";
import { isRole, type Role } from "../auth/roles";
import { sha256Hex } from "../crypto/sha256";
import type { Db } from "../db/client";
import { teamInvitations, teamMembers, teams } from "../db/schema";

const DEFAULT_HOURS = 72;

function token(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return "inv_" + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const hashOf = (t: string) => sha256Hex(new TextEncoder().encode(t));

export async function createInvitation(
  db: Db,
  teamId: string,
  role: Role,
  createdByUserId: string | null,
  hours = DEFAULT_HOURS,
): Promise<{ id: string; token: string; role: Role; expiresAt: number }> {
  const secret = token();
  const id = crypto.randomUUID();
  const expiresAt = Date.now() + hours * 3_600_000;
  // Tenants whose keys were made before teams existed (or by scripts) may lack their row.
  await db.insert(teams).values({ id: teamId, name: teamId }).onConflictDoNothing();
  await db
    .insert(teamInvitations)
    .values({ id, teamId, tokenHash: await hashOf(secret), role, createdByUserId, expiresAt });
  return { id, token: secret, role, expiresAt };
}

/** Makes `userId` a member with the invitation's role; 404 for an unknown, used or expired link. */
export async function acceptInvitation(
  db: Db,
  secret: string,
  userId: string,
): Promise<{ teamId: string; teamName: string; role: Role }> {
  const now = Date.now();
  const spent = await db
    .update(teamInvitations)
    .set({ acceptedAt: now, acceptedByUserId: userId })
    .where(
      and(
        eq(teamInvitations.tokenHash, await hashOf(secret)),
        isNull(teamInvitations.acceptedAt),
        gt(teamInvitations.expiresAt, now),
      ),
    )
    .returning({ teamId: teamInvitations.teamId, role: teamInvitations.role })
    .get();
  if (!spent || !isRole(spent.role))
    throw new ApiError(
      404,
      "invitation_not_found",
      "This invitation link is unknown, already used or expired",
    );
  await db
    .insert(teamMembers)
    .values({ id: crypto.randomUUID(), teamId: spent.teamId, userId, role: spent.role })
    .onConflictDoNothing();
  const team = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, spent.teamId)).get();
  return { teamId: spent.teamId, teamName: team?.name ?? spent.teamId, role: spent.role };
}
