/**
 * People and teams (D1, drizzle). The first tables are Better Auth's (user, session,
 * account, verification, passkey, two_factor: names and columns as its drizzle adapter expects them); the
 * team tables are ours. A team IS a tenant: `teams.id` is the tenant id every run, key and
 * artifact already carries, so nothing else changes shape.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const ms = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  ms("created_at")
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
/** Our own tables keep plain epoch milliseconds, like the rest of the schema. */
const createdAtMs = () =>
  integer("created_at", { mode: "number" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  ms("updated_at")
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const user = sqliteTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  /** A TOTP second factor is on (Better Auth's twoFactor plugin; the secret is in two_factor). */
  twoFactorEnabled: integer("two_factor_enabled", { mode: "boolean" }).default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Browser sessions. The id is a UUID, like an API key's: live connections are tagged by either. */
export const session = sqliteTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: ms("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /**
     * The team this session acts for (POST /v1/me/team), for people in several teams; null or a
     * team they have left: the one they joined first. Ours, not Better Auth's: it never reads it.
     */
    activeTeamId: text("active_team_id"),
  },
  (t) => [index("session_user").on(t.userId)],
);

export const account = sqliteTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: ms("access_token_expires_at"),
    refreshTokenExpiresAt: ms("refresh_token_expires_at"),
    scope: text("scope"),
    /** PBKDF2 hash (auth/password-hash.ts), never the password. */
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("account_user").on(t.userId)],
);

export const verification = sqliteTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: ms("expires_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verification_identifier").on(t.identifier)],
);

/** WebAuthn credentials (Better Auth's passkey plugin). */
export const passkey = sqliteTable(
  "passkey",
  {
    id: text("id").primaryKey(),
    name: text("name"),
    publicKey: text("public_key").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    credentialID: text("credential_id").notNull(),
    counter: integer("counter").notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: integer("backed_up", { mode: "boolean" }).notNull(),
    transports: text("transports"),
    createdAt: ms("created_at"),
    aaguid: text("aaguid"),
  },
  (t) => [index("passkey_user").on(t.userId), index("passkey_credential").on(t.credentialID)],
);

/**
 * A person's TOTP secret and backup codes, both encrypted with AUTH_SECRET by Better Auth.
 * `verified` stays false from "turn on" until the first correct code confirms the app has it.
 */
export const twoFactor = sqliteTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    verified: integer("verified", { mode: "boolean" }).default(true),
    failedVerificationCount: integer("failed_verification_count").default(0),
    lockedUntil: ms("locked_until"),
  },
  (t) => [index("two_factor_user").on(t.userId), index("two_factor_secret").on(t.secret)],
);

/** A team: the owner of runs, keys and artifacts (its id is the tenant id). */
export const teams = sqliteTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: createdAtMs(),
});

export const teamMembers = sqliteTable(
  "team_members",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** owner | admin | editor | reviewer | viewer (auth/permissions.ts). */
    role: text("role").notNull(),
    createdAt: createdAtMs(),
  },
  (t) => [
    uniqueIndex("team_members_team_user").on(t.teamId, t.userId),
    index("team_members_user").on(t.userId),
  ],
);

/** Invitation links: only the SHA-256 of the token is kept; the link is shown once. */
export const teamInvitations = sqliteTable(
  "team_invitations",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    role: text("role").notNull(),
    createdByUserId: text("created_by_user_id"),
    expiresAt: integer("expires_at", { mode: "number" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "number" }),
    acceptedByUserId: text("accepted_by_user_id"),
    createdAt: createdAtMs(),
  },
  (t) => [index("team_invitations_team").on(t.teamId)],
);
