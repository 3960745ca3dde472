/**
 * The caller behind a browser session cookie: Better Auth validates the cookie against the
 * session row (expired, signed out or forged → null), then the person's team membership gives
 * the team and role. A person in several teams acts for the session's chosen team (POST
 * /v1/me/team), or, with none chosen or after leaving it, for the one they joined first.
 */
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Caller } from "../api/app-env";
import type { Db } from "../db/client";
import { session, teamMembers } from "../db/schema";
import type { AuthEnv } from "./better-auth";
import { isRole } from "./roles";

export async function sessionCaller(env: AuthEnv, db: Db, request: Request): Promise<Caller | null> {
  // Loaded on the first cookie request only: API-key traffic never pays for Better Auth's
  // modules, and loading them broke the shared test workerd for the files after it
  // ("Message is too large", like the renderers; see vitest.config.ts AUTH_TESTS).
  const { createAuth } = await import("./better-auth");
  const auth = createAuth(env, db, request.url);
  const found = await auth.api.getSession({ headers: request.headers });
  if (!found) return null;
  // One query: the membership of the session's chosen team first, else the oldest one.
  const chosen = db
    .select({ teamId: session.activeTeamId })
    .from(session)
    .where(eq(session.id, found.session.id));
  const membership = await db
    .select({ teamId: teamMembers.teamId, role: teamMembers.role })
    .from(teamMembers)
    .where(eq(teamMembers.userId, found.user.id))
    .orderBy(desc(sql`${teamMembers.teamId} = (${chosen})`), asc(teamMembers.createdAt))
    .get();
  return {
    apiKeyId: found.session.id,
    tenantId: membership?.teamId ?? "",
    role: membership && isRole(membership.role) ? membership.role : null,
    scopes: null,
    userId: found.user.id,
    actorName: found.user.name,
    via: "session",
  };
}
