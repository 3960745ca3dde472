-- Knowledge-base passages, full-text indexed (SQLite FTS5, ranked with bm25()). Only `text` is
-- indexed; the other columns say whose passage it is and where it came from.
CREATE VIRTUAL TABLE `knowledge_chunks` USING fts5(
	`text`,
	`title` UNINDEXED,
	`doc_id` UNINDEXED,
	`tenant_id` UNINDEXED,
	`chunk` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2'
);
