/** Tables of the run object itself, beside the graph's (workers/engine/graph/schema.ts). */
export const RUN_OBJECT_TABLES = [
  `CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS pending_reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, gate TEXT NOT NULL, action TEXT NOT NULL, at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS gate_opened (gate TEXT PRIMARY KEY, at INTEGER NOT NULL)`,
];
