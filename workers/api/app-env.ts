import type { Db } from "../db/client";
import type { Action } from "../auth/permissions";
import type { Role } from "../auth/roles";

/** Who is calling: an API key or a browser session (api/middleware/auth.ts). */
export type Caller = {
  /**
   * The credential's id: an API key's, or a browser session's (both UUIDs). Live connections,
   * tickets, usage and audit rows are keyed by it; revoking either closes what it has open.
   */
  apiKeyId: string;
  /** The team (tenant) acted for; "" for a person who belongs to no team yet. */
  tenantId: string;
  /** Null when signed in without a team. */
  role: Role | null;
  /** Null: all the role allows (auth/permissions.ts SCOPES). */
  scopes: readonly string[] | null;
  /** The person behind it (null for keys made before accounts). */
  userId: string | null;
  /** A name to show in reviews, audit rows and presence. */
  actorName: string;
  via: "key" | "session";
};

/** What middleware puts on the context for the routes after it. */
export type AppVariables = {
  requestId: string;
  /** The W3C trace id of this request (the caller's `traceparent`, or a new one). */
  traceId: string;
  db: Db;
  /** Set by `requireCaller` on every /v1 route. */
  auth: Caller;
  /** The permission the route needs (auth/permissions.ts), set by `authorizeRoute`. */
  action?: Action;
};

export type AppEnv = { Bindings: Env; Variables: AppVariables };
