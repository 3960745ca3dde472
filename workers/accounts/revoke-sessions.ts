/**
 * Ending a person's browser sessions: the rows go (so the cookies stop working on the next
 * request) and every socket or stream they opened on an unfinished run of their teams is closed
 * at once, like a revoked API key's (api/revoke-live.ts).
 */
import { and, eq, inArray } from "drizzle-orm";
import { closeLiveConnectionsOfKey } from "../api/revoke-live";
import type { Db } from "../db/client";
import { session, teamMembers } from "../db/schema";

export async function closeLiveOfCredentials(
  env: Env,
  db: Db,
  userId: string,
  credentialIds: string[],
): Promise<number> {
  if (credentialIds.length === 0) return 0;
  const teams = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId))
    .all();
  let closed = 0;
  for (const { teamId } of teams)
    for (const id of credentialIds) closed += (await closeLiveConnectionsOfKey(env, db, teamId, id)).closed;
  return closed;
}

/** Deletes `userId`'s sessions (all, or only `onlyIds`) and closes their live connections. */
export async function revokeSessions(
  env: Env,
  db: Db,
  userId: string,
  onlyIds?: string[],
): Promise<{ revoked: number; liveConnectionsClosed: number }> {
  const where = onlyIds
    ? and(eq(session.userId, userId), inArray(session.id, onlyIds))
    : eq(session.userId, userId);
  const gone = await db.delete(session).where(where).returning({ id: session.id }).all();
  const ids = gone.map((s) => s.id);
  return { revoked: ids.length, liveConnectionsClosed: await closeLiveOfCredentials(env, db, userId, ids) };
}
