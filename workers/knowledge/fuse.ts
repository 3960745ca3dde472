/**
 * Reciprocal rank fusion: merges ranked lists of passages (FTS5 BM25 hits, Vectorize hits) into
 * one ranking without comparing their scores, which live on different scales. A passage scores
 * Σ 1 / (k + rank) over the lists it appears in (rank from 1); k = 60 as in Cormack et al.
 * (2009), so a passage both lists agree on beats one that only tops a single list.
 */
import type { Passage } from "./store";

export const RRF_K = 60;

/**
 * @example
 * fuseRankings([ftsHits, vectorHits], 5) // the 5 best passages, `score` the fused score
 */
export function fuseRankings(lists: readonly (readonly Passage[])[], limit: number, k = RRF_K): Passage[] {
  const fused = new Map<string, { passage: Passage; score: number; first: number }>();
  let order = 0;
  for (const list of lists) {
    list.forEach((passage, index) => {
      const key = `${passage.docId}#${passage.chunk}`;
      const seen = fused.get(key);
      const share = 1 / (k + index + 1);
      if (seen) seen.score += share;
      else fused.set(key, { passage, score: share, first: order++ });
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.first - b.first)
    .slice(0, limit)
    .map(({ passage, score }) => ({ ...passage, score }));
}
