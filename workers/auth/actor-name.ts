/**
 * The name to record for a credential id, as an SQL value computed inside the INSERT: the
 * person's name for a browser session or a member's key, else the key's own name. One statement,
 * no extra round trip for every audit row.
 */
import { sql, type SQL } from "drizzle-orm";

export function actorNameOf(credentialId: string | undefined | null): SQL | undefined {
  if (!credentialId) return undefined;
  return sql`(SELECT COALESCE(
    (SELECT u.name FROM session s JOIN user u ON u.id = s.user_id WHERE s.id = ${credentialId}),
    (SELECT COALESCE(u.name, k.name) FROM api_keys k
       LEFT JOIN team_members m ON m.id = k.member_id LEFT JOIN user u ON u.id = m.user_id
      WHERE k.id = ${credentialId})))`;
}
