/** People and teams: /v1/me, /v1/team, /v1/teams, /v1/invitations (browser sign-in is /api/auth). */
import { z } from "zod";
import { ROLES } from "./roles.ts";

export const roleSchema = z.enum(ROLES).meta({ id: "Role" });

export const meSchema = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    via: z.enum(["key", "session"]),
    team: z.object({ id: z.string(), name: z.string() }).nullable(),
    role: roleSchema.nullable(),
    scopes: z.array(z.string()).nullable(),
    /** Every team the person belongs to, with their role there (a key: its own team only). */
    teams: z.array(z.object({ id: z.string(), name: z.string(), role: roleSchema })),
  })
  .meta({ id: "Me" });

/** POST /v1/me/team: the team this browser session acts for from now on. */
export const switchTeamSchema = z.strictObject({ teamId: z.string().min(1).max(100) });
export const switchedTeamSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  role: roleSchema,
});

export const memberSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    joinedAt: z.number(),
  })
  .meta({ id: "TeamMember" });

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(memberSchema),
  invitations: z.array(
    z.object({ id: z.string(), role: roleSchema, expiresAt: z.number(), acceptedAt: z.number().nullable() }),
  ),
});

export const createTeamSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const createdTeamSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema });

export const createInvitationSchema = z.strictObject({
  role: roleSchema.exclude(["owner"]),
  /** Hours until the link stops working (default 72, at most 30 days). */
  expiresInHours: z.number().int().min(1).max(720).optional(),
});
export const createdInvitationSchema = z.object({
  id: z.string(),
  role: roleSchema,
  /** The secret part of the link: shown once, only its hash is kept. */
  token: z.string(),
  /** The page that accepts it: `/join/<token>`. */
  url: z.string(),
  expiresAt: z.number(),
});
export const acceptInvitationSchema = z.strictObject({ token: z.string().min(10).max(200) });
export const acceptedInvitationSchema = z.object({
  teamId: z.string(),
  teamName: z.string(),
  role: roleSchema,
});

export const memberIdParamSchema = z.object({ id: z.uuid() });
export const removedMemberSchema = z.object({ id: z.string(), removed: z.literal(true) });
export const changeRoleSchema = z.strictObject({ role: roleSchema });

export const revokedSessionsSchema = z.object({ revoked: z.number(), liveConnectionsClosed: z.number() });
export const deletedAccountSchema = z.object({ deleted: z.literal(true) });
export const deletedTeamSchema = z.object({
  id: z.string(),
  deleted: z.literal(true),
  runs: z.number(),
  r2Objects: z.number(),
  keys: z.number(),
});
