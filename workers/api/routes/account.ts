/**
 * /v1/me, /v1/teams, /v1/invitations — the caller's own account: who am I, sign out everywhere,
 * export my data, delete my account, switch team; create a team, accept an invitation. These need a signed-in
 * person (or a key) but no team, so someone who just signed up can get one.
 */
import { createRoute } from "@hono/zod-openapi";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { zipSync, strToU8 } from "fflate";
import { recordAudit } from "../../audit";
import { acceptInvitation } from "../../accounts/invitations";
import { createTeamFor } from "../../accounts/membership";
import { revokeSessions } from "../../accounts/revoke-sessions";
import { deleteTeam } from "../../accounts/delete-team";
import { forgetTeam } from "../../auth/key-cache";
import { apiKeys, auditLog, passkey, session, teamMembers, teams, user } from "../../db/schema";
import {
  acceptedInvitationSchema,
  acceptInvitationSchema,
  createdTeamSchema,
  createTeamSchema,
  deletedAccountSchema,
  meSchema,
  revokedSessionsSchema,
  switchedTeamSchema,
  switchTeamSchema,
} from "../../protocol/accounts";
import { isRole } from "../../auth/roles";
import type { Caller } from "../app-env";
import { ApiError } from "../errors";
import { apiRouter, bearer, errors, json, jsonBody, raw } from "../openapi";

const tags = ["Account"];

function personOf(caller: Caller): string {
  if (!caller.userId)
    throw new ApiError(403, "forbidden", "This needs a person: sign in, or use a key made by a member");
  return caller.userId;
}

export const accountRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags,
      summary: "Who is calling: the person, their team and role (and a key's scopes)",
      security: bearer,
      responses: { 200: json(meSchema, "The caller"), ...errors(401) },
    }),
    async (c) => {
      const caller = c.get("auth");
      const db = c.get("db");
      const person = caller.userId
        ? await db
            .select({ id: user.id, name: user.name, email: user.email })
            .from(user)
            .where(eq(user.id, caller.userId))
            .get()
        : undefined;
      const team = caller.tenantId
        ? await db
            .select({ id: teams.id, name: teams.name })
            .from(teams)
            .where(eq(teams.id, caller.tenantId))
            .get()
        : undefined;
      // A key acts for its own team only; a person may switch between all of theirs.
      const all =
        caller.userId && caller.via === "session"
          ? await db
              .select({ id: teams.id, name: teams.name, role: teamMembers.role })
              .from(teamMembers)
              .innerJoin(teams, eq(teams.id, teamMembers.teamId))
              .where(eq(teamMembers.userId, caller.userId))
              .orderBy(asc(teamMembers.createdAt))
          : team && caller.role
            ? [{ ...team, role: caller.role }]
            : [];
      return c.json(
        {
          user: person ?? null,
          via: caller.via,
          team: team ?? (caller.tenantId ? { id: caller.tenantId, name: caller.tenantId } : null),
          role: caller.role,
          scopes: caller.scopes ? [...caller.scopes] : null,
          teams: all.flatMap((t) => (isRole(t.role) ? [{ id: t.id, name: t.name, role: t.role }] : [])),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/me/team",
      tags,
      summary: "Switch the team this browser session acts for (a person in several teams)",
      security: bearer,
      request: { body: jsonBody(switchTeamSchema) },
      responses: {
        200: json(switchedTeamSchema, "The session now acts for this team"),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const caller = c.get("auth");
      const userId = personOf(caller);
      if (caller.via !== "session")
        throw new ApiError(
          400,
          "not_a_session",
          "An API key belongs to one team; create a key in the other team instead",
        );
      const { teamId } = c.req.valid("json");
      const db = c.get("db");
      const membership = await db
        .select({ name: teams.name, role: teamMembers.role })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(and(eq(teamMembers.userId, userId), eq(teamMembers.teamId, teamId)))
        .get();
      // Not a member and no such team read the same: the answer reveals no other team.
      if (!membership || !isRole(membership.role))
        throw new ApiError(404, "not_found", "You are not a member of this team", { teamId });
      // The session's id is the caller's apiKeyId (session-caller.ts).
      await db.update(session).set({ activeTeamId: teamId }).where(eq(session.id, caller.apiKeyId));
      return c.json({ team: { id: teamId, name: membership.name }, role: membership.role }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/me/sessions/revoke",
      tags,
      summary:
        "Sign out everywhere: end all of the caller's browser sessions and close their live connections",
      security: bearer,
      responses: { 200: json(revokedSessionsSchema, "Sessions ended"), ...errors(401, 403) },
    }),
    async (c) => {
      const caller = c.get("auth");
      const result = await revokeSessions(c.env, c.get("db"), personOf(caller));
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me/export",
      tags,
      summary: "Everything kept about the caller as a person, as a zip of JSON (GDPR access)",
      security: bearer,
      responses: { 200: raw("application/zip", "account.json inside a zip"), ...errors(401, 403) },
    }),
    async (c) => {
      const userId = personOf(c.get("auth"));
      const db = c.get("db");
      const profile = await db.select().from(user).where(eq(user.id, userId)).get();
      const memberships = await db
        .select({
          teamId: teamMembers.teamId,
          team: teams.name,
          role: teamMembers.role,
          joinedAt: teamMembers.createdAt,
        })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(eq(teamMembers.userId, userId))
        .all();
      const sessions = await db
        .select({
          id: session.id,
          createdAt: session.createdAt,
          expiresAt: session.expiresAt,
          ipAddress: session.ipAddress,
          userAgent: session.userAgent,
        })
        .from(session)
        .where(eq(session.userId, userId))
        .all();
      const memberIds = (
        await db.select({ id: teamMembers.id }).from(teamMembers).where(eq(teamMembers.userId, userId)).all()
      ).map((m) => m.id);
      const keys = memberIds.length
        ? await db
            .select({
              id: apiKeys.id,
              name: apiKeys.name,
              prefix: apiKeys.prefix,
              role: apiKeys.role,
              createdAt: apiKeys.createdAt,
              revokedAt: apiKeys.revokedAt,
            })
            .from(apiKeys)
            .where(inArray(apiKeys.memberId, memberIds))
            .all()
        : [];
      const passkeys = await db
        .select({ id: passkey.id, name: passkey.name, createdAt: passkey.createdAt })
        .from(passkey)
        .where(eq(passkey.userId, userId))
        .all();
      const credentialIds = [...sessions.map((s) => s.id), ...keys.map((k) => k.id)];
      const actions = credentialIds.length
        ? await db.select().from(auditLog).where(inArray(auditLog.apiKeyId, credentialIds)).all()
        : [];
      const body = {
        exportedAt: new Date().toISOString(),
        profile,
        memberships,
        sessions,
        apiKeys: keys,
        passkeys,
        actions,
      };
      const zip = zipSync({ "account.json": strToU8(JSON.stringify(body, null, 2)) });
      return new Response(zip, {
        headers: {
          "Content-Type": "application/zip",
          "Content-Disposition": 'attachment; filename="tsumugi-account.zip"',
        },
      });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/me",
      tags,
      summary:
        "Delete the caller's account: person, sessions, passkeys, memberships and their keys (GDPR erasure)",
      description:
        "A team the caller is the only member of is deleted with it. A team with other members that " +
        "would be left without an owner refuses (409): hand ownership on first.",
      security: bearer,
      responses: { 200: json(deletedAccountSchema, "Deleted"), ...errors(401, 403, 409) },
    }),
    async (c) => {
      const userId = personOf(c.get("auth"));
      const db = c.get("db");
      const mine = await db
        .select({ id: teamMembers.id, teamId: teamMembers.teamId, role: teamMembers.role })
        .from(teamMembers)
        .where(eq(teamMembers.userId, userId))
        .all();
      const aloneIn: string[] = [];
      for (const m of mine) {
        const others = await db
          .select({ role: teamMembers.role })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, m.teamId), ne(teamMembers.userId, userId)))
          .all();
        if (others.length === 0) aloneIn.push(m.teamId);
        else if (m.role === "owner" && !others.some((o) => o.role === "owner"))
          throw new ApiError(
            409,
            "sole_owner",
            "You are the only owner of a team with other members: make someone else owner first",
            { teamId: m.teamId },
          );
      }
      await revokeSessions(c.env, db, userId);
      for (const teamId of aloneIn) await deleteTeam(c.env, db, teamId);
      if (mine.length)
        await db.delete(apiKeys).where(
          inArray(
            apiKeys.memberId,
            mine.map((m) => m.id),
          ),
        );
      for (const m of mine) forgetTeam(m.teamId);
      // Cascades: account (password), passkey, remaining sessions and memberships.
      await db.delete(user).where(eq(user.id, userId));
      return c.json({ deleted: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/teams",
      tags,
      summary: "Create a team with the caller as its owner (for someone who has none yet)",
      security: bearer,
      request: { body: jsonBody(createTeamSchema) },
      responses: { 201: json(createdTeamSchema, "The team"), ...errors(400, 401, 403, 409) },
    }),
    async (c) => {
      const caller = c.get("auth");
      const userId = personOf(caller);
      if (caller.tenantId)
        throw new ApiError(409, "already_in_team", "You already belong to a team", {
          teamId: caller.tenantId,
        });
      const team = await createTeamFor(c.get("db"), userId, c.req.valid("json").name);
      await recordAudit(c.get("db"), {
        tenantId: team.id,
        apiKeyId: caller.apiKeyId,
        action: "team.create",
        target: team.id,
        requestId: c.get("requestId"),
      });
      return c.json({ ...team, role: "owner" as const }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/invitations/accept",
      tags,
      summary: "Join a team through an invitation link's token",
      security: bearer,
      request: { body: jsonBody(acceptInvitationSchema) },
      responses: { 200: json(acceptedInvitationSchema, "Joined"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const caller = c.get("auth");
      const joined = await acceptInvitation(c.get("db"), c.req.valid("json").token, personOf(caller));
      await recordAudit(c.get("db"), {
        tenantId: joined.teamId,
        apiKeyId: caller.apiKeyId,
        action: "team.join",
        target: caller.userId ?? undefined,
        requestId: c.get("requestId"),
        details: { role: joined.role },
      });
      return c.json(joined, 200);
    },
  );
