/**
 * npm start's first account: while the local database has no person yet, an invitation link
 * (owner role, 7 days) into the team of the local-dev key, so the browser account sees the same
 * runs as the key. Only the link's hash is stored, as for any invitation (workers/accounts).
 */
import { createHash, randomBytes } from "node:crypto";
import { d1Query, sqlString, type Target } from "./wrangler.ts";

const VALID_MS = 7 * 24 * 3_600_000;

/** The link to open, or null when someone already has an account. */
export async function firstAccountLink(
  baseUrl: string,
  devKeyName: string,
  where: Target,
): Promise<string | null> {
  const people = await d1Query<{ n: number }>("SELECT COUNT(*) AS n FROM user", where);
  if ((people[0]?.n ?? 0) > 0) return null;
  const key = await d1Query<{ tenant_id: string }>(
    `SELECT tenant_id FROM api_keys WHERE name = ${sqlString(devKeyName)} AND revoked_at IS NULL LIMIT 1`,
    where,
  );
  const teamId = key[0]?.tenant_id;
  if (!teamId) return null;
  const token = `inv_${randomBytes(24).toString("base64url")}`;
  const hash = createHash("sha256").update(token).digest("hex");
  await d1Query(
    `INSERT OR IGNORE INTO teams (id, name) VALUES (${sqlString(teamId)}, 'Local team'); ` +
      `INSERT INTO team_invitations (id, team_id, token_hash, role, expires_at) VALUES (${[
        crypto.randomUUID(),
        teamId,
        hash,
        "owner",
      ]
        .map(sqlString)
        .join(", ")}, ${Date.now() + VALID_MS})`,
    where,
  );
  return `${baseUrl}/join/${token}`;
}
