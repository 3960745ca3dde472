/**
 * Passage embeddings in Vectorize, made with Workers AI, when a deployment has both bindings
 * (wrangler.toml's production environment). Locally and in the tests neither exists — Vectorize
 * and Workers AI run only on Cloudflare's network — so search is FTS5 alone there and this path
 * is not exercised by the test suite.
 *
 * One vector per passage, id `<docId>:<chunk>`, in the tenant's namespace (a query never sees
 * another tenant's vectors); the passage text stays in D1 and is read back by id.
 */
import { z } from "zod";
import type { Passage } from "./store";

/** Multilingual (Japanese and English), 1,024 dimensions: the index is created with those. */
export const EMBEDDING_MODEL = "@cf/baai/bge-m3";
const EMBED_BATCH = 50;

export type VectorEnv = { DB: D1Database; AI?: Ai; VECTORIZE?: VectorizeIndex };
type WithVectors = VectorEnv & { AI: Ai; VECTORIZE: VectorizeIndex };

export function hasVectors(env: VectorEnv): env is WithVectors {
  return env.AI !== undefined && env.VECTORIZE !== undefined;
}

const embeddingsSchema = z.object({ data: z.array(z.array(z.number())) });

async function embed(ai: Ai, texts: string[]): Promise<number[][]> {
  const out = embeddingsSchema.parse(await ai.run(EMBEDDING_MODEL, { text: texts, truncate_inputs: true }));
  return out.data;
}

const vectorId = (docId: string, chunk: number) => `${docId}:${chunk}`;

/** Embeds and stores a document's passages (called after its D1 rows are written). */
export async function indexPassages(
  env: WithVectors,
  tenantId: string,
  docId: string,
  chunks: readonly string[],
): Promise<void> {
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    const batch = chunks.slice(start, start + EMBED_BATCH);
    const values = await embed(env.AI, [...batch]);
    await env.VECTORIZE.upsert(
      values.map((v, i) => ({
        id: vectorId(docId, start + i),
        values: v,
        namespace: tenantId,
        metadata: { docId, chunk: start + i },
      })),
    );
  }
}

export async function deletePassageVectors(env: WithVectors, docId: string, chunks: number): Promise<void> {
  const ids = Array.from({ length: chunks }, (_, i) => vectorId(docId, i));
  for (let start = 0; start < ids.length; start += 1_000)
    await env.VECTORIZE.deleteByIds(ids.slice(start, start + 1_000));
}

/** The tenant's passages nearest to `query`, best first (`score`: cosine similarity). */
export async function vectorPassages(
  env: WithVectors,
  tenantId: string,
  query: string,
  limit: number,
): Promise<Passage[]> {
  const [values] = await embed(env.AI, [query]);
  if (!values) return [];
  const { matches } = await env.VECTORIZE.query(values, {
    topK: Math.min(limit, 50),
    namespace: tenantId,
  });
  const hits = matches
    .map((m) => ({ m, at: m.id.lastIndexOf(":") }))
    .filter(({ at }) => at > 0)
    .map(({ m, at }) => ({ docId: m.id.slice(0, at), chunk: Number(m.id.slice(at + 1)), score: m.score }));
  if (hits.length === 0) return [];
  const rows = await env.DB.batch(
    hits.map((h) =>
      env.DB.prepare(
        "SELECT doc_id, chunk, title, text FROM knowledge_chunks WHERE tenant_id = ? AND doc_id = ? AND chunk = ?",
      ).bind(tenantId, h.docId, h.chunk),
    ),
  );
  return hits.flatMap((h, i) => {
    const row = rows[i]?.results[0] as
      { doc_id: string; chunk: number; title: string; text: string } | undefined;
    // A vector whose passage is gone (document deleted, index not yet caught up) is dropped.
    return row
      ? [{ docId: row.doc_id, chunk: row.chunk, title: row.title, text: row.text, score: h.score }]
      : [];
  });
}
