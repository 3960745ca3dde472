/** Team membership rows: the caller's member id, and joining a team. */
import { and, eq } from "drizzle-orm";
import type { Role } from "../auth/roles";
import type { Db } from "../db/client";
import { teamMembers, teams } from "../db/schema";

export async function memberIdOf(db: Db, teamId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .get();
  return row?.id ?? null;
}

/** A new team with `userId` as its owner; the team id is the new tenant id. */
export async function createTeamFor(
  db: Db,
  userId: string,
  name: string,
): Promise<{ id: string; name: string }> {
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(teams).values({ id, name }),
    db
      .insert(teamMembers)
      .values({ id: crypto.randomUUID(), teamId: id, userId, role: "owner" satisfies Role }),
  ]);
  return { id, name };
}
