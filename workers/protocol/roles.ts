/**
 * Team roles, lowest first (the wire names; what each may do is workers/auth/permissions.ts).
 * viewer: watch runs, read results · reviewer: + answer review gates · editor: + start and
 * control runs, upload, use the gateway, own API keys · admin: + members, invitations, operations
 * · owner: + delete the team.
 */
export const ROLES = ["viewer", "reviewer", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];
