/**
 * THE authorization table: every action, the least role that may take it, and which /v1 route
 * and live-socket message is which action. `authorize` is the one check; the /v1 middleware
 * (api/middleware/authorize.ts) and the run's socket handler (durable-objects/workflow-run) both
 * call it. A route missing from ROUTE_ACTIONS is refused (and test/auth/permissions.test.ts fails
 * for it), so a new route cannot slip in unguarded.
 */
import type { ClientMessage } from "../protocol/live";
import { atLeast, type Role } from "./roles";

/** "member" = any signed-in person or key, even one not (yet) in a team: their own account. */
export const PERMISSIONS = {
  "account.self": "member",
  "runs.read": "viewer",
  "runs.watch": "viewer",
  "metrics.read": "viewer",
  "gateway.read": "viewer",
  "keys.read": "viewer",
  "team.read": "viewer",
  "runs.review": "reviewer",
  "runs.start": "editor",
  "runs.control": "editor",
  "runs.delete": "editor",
  "uploads.write": "editor",
  "gateway.use": "editor",
  "keys.manage": "editor",
  "team.manage": "admin",
  "ops.read": "admin",
  "ops.write": "admin",
  "team.delete": "owner",
  "faults.inject": "owner",
} as const satisfies Record<string, Role | "member">;
export type Action = keyof typeof PERMISSIONS;

/** Actions that spend provider money or start work: the per-person generation limit applies. */
export const GENERATION_ACTIONS: ReadonlySet<Action> = new Set<Action>(["runs.start", "gateway.use"]);

/** What a scoped API key may do; a key without scopes may do all its role allows. */
export const SCOPES = {
  gateway: ["gateway.use", "gateway.read", "account.self"],
  read: ["runs.read", "runs.watch", "metrics.read", "gateway.read", "keys.read", "team.read", "account.self"],
  runs: [
    "runs.read",
    "runs.watch",
    "runs.review",
    "runs.start",
    "runs.control",
    "uploads.write",
    "account.self",
  ],
} as const satisfies Record<string, readonly Action[]>;
export type Scope = keyof typeof SCOPES;

/** `METHOD path` as Hono registers it (see test/auth/permissions.test.ts) → action. */
export const ROUTE_ACTIONS: Record<string, Action> = {
  "GET /v1/workflows": "runs.read",
  "POST /v1/workflows": "runs.start",
  "GET /v1/workflows/:id": "runs.read",
  "DELETE /v1/workflows/:id": "runs.delete",
  "GET /v1/workflows/:id/nodes": "runs.read",
  "POST /v1/workflows/:id/:action": "runs.control",
  "GET /v1/workflows/:id/nodes/:node{.+}": "runs.read",
  "GET /v1/workflows/:id/versions/:node{.+}": "runs.read",
  "POST /v1/workflows/:id/reviews/:gate{.+}": "runs.review",
  "GET /v1/workflows/:id/artifacts": "runs.read",
  "GET /v1/workflows/:id/artifacts/:path": "runs.read",
  "GET /v1/workflows/:id/artifacts/:path{.+}": "runs.read",
  "GET /v1/workflows/:id/export.zip": "runs.read",
  "GET /v1/workflows/:id/pages/:n": "runs.read",
  "GET /v1/workflows/:id/preview/:file": "runs.read",
  "GET /v1/workflows/:id/reviews": "runs.read",
  "POST /v1/workflows/:id/mode": "runs.control",
  "POST /v1/workflows/:id/tickets": "runs.watch",
  "GET /v1/workflows/:id/ws": "runs.watch",
  "GET /v1/workflows/:id/events": "runs.watch",
  "POST /v1/workflows/:id/faults/reset": "faults.inject",
  "POST /v1/uploads": "uploads.write",
  "GET /v1/uploads/:id": "runs.read",
  "DELETE /v1/uploads/:id": "uploads.write",
  "GET /v1/keys": "keys.read",
  "POST /v1/keys": "keys.manage",
  "DELETE /v1/keys/:id": "keys.manage",
  "GET /v1/dead-letters": "ops.read",
  "POST /v1/dead-letters/:id/redrive": "ops.write",
  "POST /v1/chat/completions": "gateway.use",
  "GET /v1/models": "gateway.read",
  "GET /v1/providers": "gateway.read",
  "GET /v1/providers/usage": "gateway.read",
  "POST /v1/tasks": "gateway.use",
  "GET /v1/tasks": "gateway.read",
  "GET /v1/tasks/events": "gateway.read",
  "GET /v1/tasks/:id": "gateway.read",
  "GET /v1/tasks/:id/content": "gateway.read",
  "POST /v1/tasks/:id/retry": "gateway.use",
  "GET /v1/metrics/summary": "metrics.read",
  "GET /v1/metrics/alerts": "metrics.read",
  // The audit trail (GET /v1/audit, added alongside by the ops work): who did what is for admins.
  "GET /v1/audit": "ops.read",
  // In-app notifications are the tenant's alerts: as readable as the metrics they come from.
  "GET /v1/notifications": "metrics.read",
  // Which prompts exist and how often people accept each variant: read like the metrics.
  "GET /v1/prompts": "metrics.read",
  "GET /v1/prompts/stats": "metrics.read",
  // The knowledge base feeds the generators: adding or removing documents is an editor's work,
  // searching it is reading.
  "POST /v1/knowledge": "uploads.write",
  "POST /v1/knowledge/search": "runs.read",
  "GET /v1/knowledge/:id": "runs.read",
  "DELETE /v1/knowledge/:id": "uploads.write",
  "GET /v1/me": "account.self",
  "DELETE /v1/me": "account.self",
  "GET /v1/me/export": "account.self",
  "POST /v1/me/sessions/revoke": "account.self",
  "POST /v1/me/team": "account.self",
  "POST /v1/teams": "account.self",
  "POST /v1/invitations/accept": "account.self",
  "GET /v1/team": "team.read",
  "DELETE /v1/team": "team.delete",
  "POST /v1/team/invitations": "team.manage",
  "PATCH /v1/team/members/:id": "team.manage",
  "DELETE /v1/team/members/:id": "team.manage",
};

/** Live-socket messages (workers/protocol/live.ts) as actions: the same rules as the routes. */
export function socketAction(message: ClientMessage): Action {
  switch (message.type) {
    case "subscribe":
      return "runs.watch";
    case "review":
      return "runs.review";
    default:
      return "runs.control";
  }
}

export type Principal = {
  /** Null for someone signed in who belongs to no team yet. */
  role: Role | null;
  scopes: readonly string[] | null;
};

export type Verdict =
  { ok: true } | { ok: false; reason: "role" | "scope" | "no_team"; required: Role | "member" };

/** May `who` take `action`? The one authorization decision (routes and socket messages). */
export function authorize(who: Principal, action: Action): Verdict {
  const required = PERMISSIONS[action];
  if (
    who.scopes &&
    !who.scopes.some((s) => (SCOPES[s as Scope] as readonly string[] | undefined)?.includes(action))
  )
    return { ok: false, reason: "scope", required };
  if (required === "member") return { ok: true };
  if (!who.role) return { ok: false, reason: "no_team", required };
  return atLeast(who.role, required) ? { ok: true } : { ok: false, reason: "role", required };
}

/** A sentence saying why, for the 403 and the socket's error message. */
export function refusalMessage(
  who: Principal,
  action: Action,
  verdict: Exclude<Verdict, { ok: true }>,
): string {
  if (verdict.reason === "scope")
    return `This API key is limited to ${who.scopes?.join(", ")} and may not ${action}`;
  if (verdict.reason === "no_team")
    return "You are not a member of a team yet: create one or accept an invitation";
  return `Your role (${who.role}) may not ${action}: it needs ${verdict.required} or above`;
}
