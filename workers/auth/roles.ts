/**
 * Team roles, lowest first: each role may do everything the roles before it may.
 * viewer: watch runs, read results · reviewer: + answer review gates · editor: + start and
 * control runs, upload, use the gateway, own API keys · admin: + members, invitations, operations
 * · owner: + delete the team.
 */
export const ROLES = ["viewer", "reviewer", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function atLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

/** The lower of two roles: what a key may do is bounded by its member's role. */
export function lowerRole(a: Role, b: Role): Role {
  return roleRank(a) <= roleRank(b) ? a : b;
}
