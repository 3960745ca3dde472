/** Tables of the run object itself, beside the graph's (workers/engine/graph/schema.ts). */
export const RUN_OBJECT_TABLES = [
  `CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS pending_reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, gate TEXT NOT NULL, action TEXT NOT NULL, at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS gate_opened (gate TEXT PRIMARY KEY, at INTEGER NOT NULL)`,
  // Every answer to a gate, by a person or the agent (review-history.ts).
  `CREATE TABLE IF NOT EXISTS review_history (id INTEGER PRIMARY KEY AUTOINCREMENT, gate TEXT NOT NULL, reviews TEXT NOT NULL, version INTEGER NOT NULL, action TEXT NOT NULL, reviewer TEXT NOT NULL, feedback TEXT, confidence REAL, critic TEXT, at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS review_history_gate ON review_history (gate, id)`,
  // Critic nodes the agent started for a gate, until their verdict is applied (agent-reviewer.ts).
  `CREATE TABLE IF NOT EXISTS critiques (node_id TEXT PRIMARY KEY, gate TEXT NOT NULL, state TEXT NOT NULL, at INTEGER NOT NULL)`,
];
