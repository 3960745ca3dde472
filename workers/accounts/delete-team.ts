/**
 * Deleting a team (GDPR, seed 003) removes everything it owns: each run's Durable Object
 * storage, its R2 files and index rows, uploaded sources, and every D1 row carrying the team's
 * tenant id (found from workers/db/schema.ts, so a table added there later is covered), then the team with its
 * members and invitations. Runs go first and the team row last, so a deletion that fails half-way
 * can be repeated by the same owner.
 */
import { eq, getTableColumns, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import * as schema from "../db/schema";
import { apiKeys, teams, workflows } from "../db/schema";
import { runStub } from "../engine/run-stub";
import { runPrefix } from "../storage/run-keys";

async function deletePrefix(bucket: R2Bucket, prefix: string): Promise<number> {
  let cursor: string | undefined;
  let removed = 0;
  do {
    const listed = await bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
    if (listed.objects.length > 0) await bucket.delete(listed.objects.map((o) => o.key));
    removed += listed.objects.length;
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor);
  return removed;
}

/**
 * Tables made by hand-written migrations, which the drizzle schema cannot describe: the knowledge
 * base's FTS5 index (migrations/0007_knowledge_fts.sql) holds passages by tenant_id.
 */
const UNMODELLED_TENANT_TABLES = ["knowledge_chunks"];

/** Tables with a tenant_id column, read from the drizzle schema (D1 refuses pragma_table_info). */
export function tenantTables(): string[] {
  const tables: SQLiteTable[] = Object.values(schema).filter((value) => is(value, SQLiteTable));
  return tables
    .filter((table) => Object.values(getTableColumns(table)).some((column) => column.name === "tenant_id"))
    .map((table) => getTableName(table))
    .concat(UNMODELLED_TENANT_TABLES);
}

export async function deleteTeam(
  env: Env,
  db: Db,
  teamId: string,
): Promise<{ runs: number; r2Objects: number; keys: number }> {
  const runs = await db
    .select({ id: workflows.id })
    .from(workflows)
    .where(eq(workflows.tenantId, teamId))
    .all();
  let r2Objects = 0;
  for (const run of runs) {
    await runStub(env, run.id).destroy();
    r2Objects += await deletePrefix(env.BUCKET, runPrefix(run.id));
  }
  r2Objects += await deletePrefix(env.BUCKET, `uploads/${teamId}/`);
  const keys = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.tenantId, teamId)).all();
  const tables = tenantTables();
  await env.DB.batch([
    ...tables.map((table) => env.DB.prepare(`DELETE FROM "${table}" WHERE tenant_id = ?`).bind(teamId)),
    env.DB.prepare("DELETE FROM team_invitations WHERE team_id = ?").bind(teamId),
    env.DB.prepare("DELETE FROM team_members WHERE team_id = ?").bind(teamId),
  ]);
  await db.delete(teams).where(eq(teams.id, teamId));
  return { runs: runs.length, r2Objects, keys: keys.length };
}
