/**
 * The graph's SQLite tables (in a Durable Object's storage). Every state change of the graph is a
 * row update here, so an evicted or restarted object resumes from exactly this state.
 */
import type { SqlPort } from "./sql-port";

export const GRAPH_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS run_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    handler TEXT NOT NULL DEFAULT '',
    title TEXT,
    input TEXT,
    parent TEXT,
    reviews TEXT,
    reviewed INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    deps_open INTEGER NOT NULL DEFAULT 0,
    children_open INTEGER NOT NULL DEFAULT 0,
    children_failed INTEGER NOT NULL DEFAULT 0,
    settled INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_id TEXT,
    lease_until INTEGER,
    started INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    not_before INTEGER,
    version INTEGER NOT NULL DEFAULT 0,
    output TEXT,
    output_ref TEXT,
    feedback TEXT,
    cost_usd REAL NOT NULL DEFAULT 0,
    tokens_in INTEGER NOT NULL DEFAULT 0,
    tokens_out INTEGER NOT NULL DEFAULT 0,
    provider TEXT,
    model TEXT,
    error TEXT,
    duration_ms INTEGER,
    created_at INTEGER NOT NULL,
    finished_at INTEGER
  )`,
  // Partial indexes: each holds only the nodes in one state, so a status change touches at most
  // two small indexes instead of rewriting an entry in every (status, …) index, and "the next
  // ready step" stays a single index seek in a 100,000-node graph.
  `CREATE INDEX IF NOT EXISTS nodes_seq ON nodes (seq)`,
  `CREATE INDEX IF NOT EXISTS nodes_ready ON nodes (seq) WHERE status = 'ready'`,
  `CREATE INDEX IF NOT EXISTS nodes_leased ON nodes (lease_until) WHERE status = 'leased'`,
  `CREATE INDEX IF NOT EXISTS nodes_retry ON nodes (not_before) WHERE status = 'retry_wait'`,
  `CREATE INDEX IF NOT EXISTS nodes_open_gates ON nodes (seq) WHERE kind = 'gate' AND status = 'waiting'`,
  `CREATE INDEX IF NOT EXISTS nodes_parent ON nodes (parent) WHERE parent IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS nodes_reviews ON nodes (reviews) WHERE reviews IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS edges (src TEXT NOT NULL, dst TEXT NOT NULL, PRIMARY KEY (src, dst)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS edges_dst ON edges (dst)`,
  `CREATE TABLE IF NOT EXISTS versions (
    node_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    output TEXT,
    output_ref TEXT,
    source TEXT NOT NULL,
    feedback TEXT,
    cost_usd REAL NOT NULL DEFAULT 0,
    provider TEXT,
    model TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (node_id, version)
  )`,
];

/** Columns added after a table's first version: added in place to runs created before them. */
const ADDED_COLUMNS: { table: string; column: string; definition: string }[] = [
  { table: "nodes", column: "children_failed", definition: "INTEGER NOT NULL DEFAULT 0" },
  { table: "nodes", column: "claimed_by", definition: "TEXT" },
  // 1 while a skipped node re-runs its step's deterministic fallback (review.ts, skip).
  { table: "nodes", column: "fallback", definition: "INTEGER NOT NULL DEFAULT 0" },
  // JSON { template, version, variant } of the prompt behind the current output (StepUsage.prompt).
  { table: "nodes", column: "prompt", definition: "TEXT" },
];

/** Creates the graph's tables (and `extra`, the owner's own) and adds columns missing in old runs. */
export function migrateGraphSchema(sql: SqlPort, extra: readonly string[] = []): void {
  for (const statement of [...GRAPH_SCHEMA, ...extra]) sql.exec(statement);
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const present = sql
      .exec(`SELECT 1 AS x FROM pragma_table_info('${table}') WHERE name = ?`, column)
      .toArray();
    if (present.length === 0) sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}
