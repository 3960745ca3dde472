/**
 * Knowledge search as the API and the pipelines use it: FTS5 (BM25) in D1 always; with the
 * Vectorize and Workers AI bindings (production), vector hits too, merged by reciprocal rank
 * fusion. A failed vector search costs only its hits, never the search.
 */
import { log } from "../observability/log";
import { fuseRankings } from "./fuse";
import { searchPassages, type Passage } from "./store";
import { hasVectors, vectorPassages, type VectorEnv } from "./vectors";

export async function searchKnowledge(
  env: VectorEnv,
  tenantId: string,
  query: string,
  limit: number,
): Promise<Passage[]> {
  if (!hasVectors(env)) return searchPassages(env.DB, tenantId, query, limit);
  const [fts, vectors] = await Promise.all([
    searchPassages(env.DB, tenantId, query, limit),
    vectorPassages(env, tenantId, query, limit).catch((err: unknown) => {
      log.error("vector search failed", { tenantId, error: err });
      return [];
    }),
  ]);
  return fuseRankings([fts, vectors], limit);
}
