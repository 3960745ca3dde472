/**
 * The actor a run's event log and presence name for a credential: its id and the person's name
 * (a browser session's, or a member's key's), else the key's own name. The same rule as audit
 * rows (actor-name.ts), so one person is named alike everywhere.
 */
import type { Actor } from "../protocol/live";

/** An unknown credential (deleted since) is still named, by the start of its id. */
export async function credentialActor(db: D1Database, credentialId: string): Promise<Actor> {
  // drizzle loads on the first lookup, not when the isolate starts: the run object imports this
  // module (issue 16, cold start).
  const [{ sql }, { openDb }, { actorNameOf }] = await Promise.all([
    import("drizzle-orm"),
    import("../db/client"),
    import("./actor-name"),
  ]);
  const row = await openDb(db).get<{ name: string | null } | undefined>(
    sql`SELECT ${actorNameOf(credentialId)} AS name`,
  );
  return { id: credentialId, name: row?.name ?? `key ${credentialId.slice(0, 8)}` };
}
