/**
 * The actor a run's event log names for an API key: its id and the name it was created with.
 * Accounts will name members instead; the shape (`Actor` in workers/protocol/live.ts) stays.
 */
import { eq } from "drizzle-orm";
import { openDb } from "../db/client";
import { apiKeys } from "../db/schema";
import type { Actor } from "../protocol/live";

/** An unknown key (deleted since) is still named, by the start of its id. */
export async function keyActor(db: D1Database, keyId: string): Promise<Actor> {
  const row = await openDb(db)
    .select({ name: apiKeys.name })
    .from(apiKeys)
    .where(eq(apiKeys.id, keyId))
    .get();
  return { id: keyId, name: row?.name ?? `key ${keyId.slice(0, 8)}` };
}
