/**
 * A tenant's knowledge base in D1: document rows (`knowledge_documents`) and their passages in
 * the FTS5 table `knowledge_chunks`. A document and its passages are written in one D1 batch (a
 * transaction), so a failed upload leaves nothing half-indexed.
 */
import { chunkText } from "./chunk-text";
import type { KnowledgeFormat } from "./to-text";
import { documentText } from "./to-text-remote";

export type KnowledgeDocument = {
  id: string;
  title: string;
  format: KnowledgeFormat;
  sizeBytes: number;
  chunks: number;
  createdAt: number;
};

export type Passage = { docId: string; chunk: number; title: string; text: string; score: number };

/** Adds a document; returns it with its passages' text (for the vector index, if any). */
export async function addDocument(
  db: D1Database,
  tenantId: string,
  input: { title: string; format: KnowledgeFormat; content: string },
): Promise<KnowledgeDocument & { passages: string[] }> {
  // The parsers (parse5, mdast) run in the media Worker (to-text-remote.ts): in this one they
  // weighed on the bundle and broke the shared test workerd ("Message is too large").
  const chunks = chunkText(await documentText(input.format, input.content));
  const doc: KnowledgeDocument = {
    id: `kd_${crypto.randomUUID().replaceAll("-", "")}`,
    title: input.title,
    format: input.format,
    sizeBytes: new TextEncoder().encode(input.content).length,
    chunks: chunks.length,
    createdAt: Date.now(),
  };
  await db.batch([
    db
      .prepare(
        "INSERT INTO knowledge_documents (id, tenant_id, title, format, size_bytes, chunks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(doc.id, tenantId, doc.title, doc.format, doc.sizeBytes, doc.chunks, doc.createdAt),
    ...chunks.map((text, i) =>
      db
        .prepare(
          "INSERT INTO knowledge_chunks (text, title, doc_id, tenant_id, chunk) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(text, doc.title, doc.id, tenantId, i),
    ),
  ]);
  return { ...doc, passages: chunks };
}

export async function getDocument(
  db: D1Database,
  tenantId: string,
  id: string,
): Promise<KnowledgeDocument | null> {
  const row = await db
    .prepare(
      "SELECT id, title, format, size_bytes, chunks, created_at FROM knowledge_documents WHERE id = ? AND tenant_id = ?",
    )
    .bind(id, tenantId)
    .first<{
      id: string;
      title: string;
      format: KnowledgeFormat;
      size_bytes: number;
      chunks: number;
      created_at: number;
    }>();
  return row
    ? {
        id: row.id,
        title: row.title,
        format: row.format,
        sizeBytes: row.size_bytes,
        chunks: row.chunks,
        createdAt: row.created_at,
      }
    : null;
}

/** Deletes a document and its passages; false when the tenant has no such document. */
export async function deleteDocument(db: D1Database, tenantId: string, id: string): Promise<boolean> {
  const [docs] = await db.batch([
    db.prepare("DELETE FROM knowledge_documents WHERE id = ? AND tenant_id = ?").bind(id, tenantId),
    db.prepare("DELETE FROM knowledge_chunks WHERE doc_id = ? AND tenant_id = ?").bind(id, tenantId),
  ]);
  return (docs?.meta.changes ?? 0) > 0;
}

/**
 * The query as an FTS5 expression: each word quoted (so nothing a user types is FTS syntax),
 * any word may match; bm25 ranks passages with more and rarer matching words first.
 */
export function ftsQuery(query: string): string | null {
  const words = query.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return [...new Set(words.slice(0, 32))].map((w) => `"${w}"`).join(" OR ");
}

/** The tenant's best passages for `query`, best first; `score` is -bm25 (higher is better). */
export async function searchPassages(
  db: D1Database,
  tenantId: string,
  query: string,
  limit: number,
): Promise<Passage[]> {
  const match = ftsQuery(query);
  if (!match) return [];
  const { results } = await db
    .prepare(
      `SELECT doc_id, chunk, title, text, bm25(knowledge_chunks) AS rank FROM knowledge_chunks
       WHERE knowledge_chunks MATCH ? AND tenant_id = ? ORDER BY rank LIMIT ?`,
    )
    .bind(match, tenantId, limit)
    .all<{ doc_id: string; chunk: number; title: string; text: string; rank: number }>();
  return results.map((r) => ({
    docId: r.doc_id,
    chunk: r.chunk,
    title: r.title,
    text: r.text,
    score: -r.rank,
  }));
}
