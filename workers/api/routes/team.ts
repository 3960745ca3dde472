/**
 * /v1/team — the caller's team: members and their roles, invitation links, and deleting the
 * team with everything it owns. Who may do what is in auth/permissions.ts; on top of that, only
 * an owner may make or unmake owners, and a team always keeps one.
 */
import { createRoute } from "@hono/zod-openapi";
import { and, asc, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../../audit";
import { deleteTeam } from "../../accounts/delete-team";
import { createInvitation } from "../../accounts/invitations";
import { closeLiveOfCredentials } from "../../accounts/revoke-sessions";
import { forgetTeam } from "../../auth/key-cache";
import { atLeast, type Role } from "../../auth/roles";
import { apiKeys, session, teamInvitations, teamMembers, teams, user } from "../../db/schema";
import {
  changeRoleSchema,
  createdInvitationSchema,
  createInvitationSchema,
  deletedTeamSchema,
  memberIdParamSchema,
  memberSchema,
  removedMemberSchema,
  teamSchema,
} from "../../protocol/accounts";
import type { Db } from "../../db/client";
import type { Caller } from "../app-env";
import { ApiError } from "../errors";
import { closeLiveConnectionsOfKey } from "../revoke-live";
import { apiRouter, bearer, errors, json, jsonBody } from "../openapi";

const tags = ["Team"];

function requireMayGrant(caller: Caller, role: Role): void {
  if (!caller.role || !atLeast(caller.role, role) || (role === "owner" && caller.role !== "owner"))
    throw new ApiError(403, "forbidden", `Your role (${caller.role}) may not grant ${role}`, {
      role: caller.role,
      grant: role,
    });
}

async function memberOfTeam(db: Db, teamId: string, id: string) {
  const row = await db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.id, id), eq(teamMembers.teamId, teamId)))
    .get();
  if (!row) throw new ApiError(404, "not_found", "No member with this id in your team", { id });
  return row;
}

async function ownersOf(db: Db, teamId: string): Promise<number> {
  const rows = await db
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.role, "owner")))
    .all();
  return rows.length;
}

export const teamRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "The caller's team: members with their roles, and open invitations",
      security: bearer,
      responses: { 200: json(teamSchema, "The team"), ...errors(401, 403) },
    }),
    async (c) => {
      const { tenantId } = c.get("auth");
      const db = c.get("db");
      const team = await db.select().from(teams).where(eq(teams.id, tenantId)).get();
      const members = await db
        .select({
          id: teamMembers.id,
          userId: teamMembers.userId,
          name: user.name,
          email: user.email,
          role: teamMembers.role,
          joinedAt: teamMembers.createdAt,
        })
        .from(teamMembers)
        .innerJoin(user, eq(user.id, teamMembers.userId))
        .where(eq(teamMembers.teamId, tenantId))
        .orderBy(asc(teamMembers.createdAt))
        .all();
      const invitations = await db
        .select({
          id: teamInvitations.id,
          role: teamInvitations.role,
          expiresAt: teamInvitations.expiresAt,
          acceptedAt: teamInvitations.acceptedAt,
        })
        .from(teamInvitations)
        .where(eq(teamInvitations.teamId, tenantId))
        .all();
      return c.json(
        teamSchema.parse({
          id: tenantId,
          name: team?.name ?? tenantId,
          members: members.map((m) => memberSchema.parse(m)),
          invitations,
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/invitations",
      tags,
      summary: "Make an invitation link for a role (the token is shown once)",
      security: bearer,
      request: { body: jsonBody(createInvitationSchema) },
      responses: { 201: json(createdInvitationSchema, "The link"), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const caller = c.get("auth");
      const { role, expiresInHours } = c.req.valid("json");
      requireMayGrant(caller, role);
      const inv = await createInvitation(c.get("db"), caller.tenantId, role, caller.userId, expiresInHours);
      await recordAudit(c.get("db"), {
        tenantId: caller.tenantId,
        apiKeyId: caller.apiKeyId,
        action: "team.invite",
        target: inv.id,
        requestId: c.get("requestId"),
        details: { role },
      });
      const url = `${new URL(c.req.url).origin}/join/${inv.token}`;
      return c.json({ ...inv, url }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/members/{id}",
      tags,
      summary: "Change a member's role",
      security: bearer,
      request: { params: memberIdParamSchema, body: jsonBody(changeRoleSchema) },
      responses: { 200: json(memberSchema, "The member"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const caller = c.get("auth");
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const { role } = c.req.valid("json");
      const member = await memberOfTeam(db, caller.tenantId, id);
      requireMayGrant(caller, role);
      if (member.role === "owner") requireMayGrant(caller, "owner");
      if (member.role === "owner" && role !== "owner" && (await ownersOf(db, caller.tenantId)) <= 1)
        throw new ApiError(409, "last_owner", "A team keeps at least one owner");
      await db.update(teamMembers).set({ role }).where(eq(teamMembers.id, id));
      forgetTeam(caller.tenantId);
      await recordAudit(db, {
        tenantId: caller.tenantId,
        apiKeyId: caller.apiKeyId,
        action: "team.member.role",
        target: id,
        requestId: c.get("requestId"),
        details: { from: member.role, to: role },
      });
      const person = await db
        .select({ name: user.name, email: user.email })
        .from(user)
        .where(eq(user.id, member.userId))
        .get();
      return c.json(
        memberSchema.parse({
          id,
          userId: member.userId,
          name: person?.name ?? "",
          email: person?.email ?? "",
          role,
          joinedAt: member.createdAt,
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/members/{id}",
      tags,
      summary: "Remove a member: their keys for this team are revoked and their live connections closed",
      security: bearer,
      request: { params: memberIdParamSchema },
      responses: { 200: json(removedMemberSchema, "Removed"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const caller = c.get("auth");
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const member = await memberOfTeam(db, caller.tenantId, id);
      if (member.role === "owner") {
        requireMayGrant(caller, "owner");
        if ((await ownersOf(db, caller.tenantId)) <= 1)
          throw new ApiError(409, "last_owner", "A team keeps at least one owner");
      }
      const keys = await db
        .update(apiKeys)
        .set({ revokedAt: Date.now() })
        .where(and(eq(apiKeys.memberId, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id })
        .all();
      await db.delete(teamMembers).where(eq(teamMembers.id, id));
      forgetTeam(caller.tenantId);
      const sessions = await db
        .select({ id: session.id })
        .from(session)
        .where(eq(session.userId, member.userId))
        .all();
      for (const k of keys) await closeLiveConnectionsOfKey(c.env, db, caller.tenantId, k.id);
      await closeLiveOfCredentials(
        c.env,
        db,
        member.userId,
        sessions.map((s) => s.id),
      );
      await recordAudit(db, {
        tenantId: caller.tenantId,
        apiKeyId: caller.apiKeyId,
        action: "team.member.remove",
        target: id,
        requestId: c.get("requestId"),
        details: { keysRevoked: keys.length },
      });
      return c.json({ id, removed: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/",
      tags,
      summary:
        "Delete the team and everything it owns: runs, files, uploads, keys, usage and audit rows (GDPR erasure)",
      security: bearer,
      responses: { 200: json(deletedTeamSchema, "Deleted"), ...errors(401, 403) },
    }),
    async (c) => {
      const caller = c.get("auth");
      const db = c.get("db");
      const result = await deleteTeam(c.env, db, caller.tenantId);
      forgetTeam(caller.tenantId);
      return c.json({ id: caller.tenantId, deleted: true as const, ...result }, 200);
    },
  );
