/**
 * Which credentials are still good, and with what role, for a team: API keys (not revoked,
 * their member still in the team; role = the lower of key and member) and browser sessions (not
 * expired, their person a member). One D1 query, ids bound as one JSON parameter, so it serves
 * the Worker (live tickets) and a run's Durable Object (re-checking open sockets) alike.
 */
import { isRole, lowerRole, type Role } from "./roles";

const ACTIVE_SQL = `
SELECT k.id AS id, k.role AS role, m.role AS member_role
  FROM api_keys k LEFT JOIN team_members m ON m.id = k.member_id
 WHERE k.revoked_at IS NULL AND k.tenant_id = ?2 AND (k.member_id IS NULL OR m.team_id = ?2)
   AND k.id IN (SELECT value FROM json_each(?1))
UNION ALL
SELECT s.id AS id, m.role AS role, NULL AS member_role
  FROM session s JOIN team_members m ON m.user_id = s.user_id AND m.team_id = ?2
 WHERE s.expires_at > ?3 AND s.id IN (SELECT value FROM json_each(?1))`;

/** id → effective role, for the ids in `ids` that may still act in team `teamId`. */
export async function activeRoles(d1: D1Database, teamId: string, ids: string[]): Promise<Map<string, Role>> {
  const found = new Map<string, Role>();
  if (ids.length === 0) return found;
  const rows = await d1
    .prepare(ACTIVE_SQL)
    .bind(JSON.stringify(ids), teamId, Date.now())
    .all<{ id: string; role: string; member_role: string | null }>();
  for (const row of rows.results) {
    if (!isRole(row.role)) continue;
    found.set(row.id, isRole(row.member_role) ? lowerRole(row.role, row.member_role) : row.role);
  }
  return found;
}
