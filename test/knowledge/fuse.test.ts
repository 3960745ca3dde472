/**
 * Reciprocal rank fusion of FTS5 and vector hits (the production search; the vector half runs
 * only on Cloudflare, so the merge is checked here as the pure function it is).
 */
import { describe, expect, it } from "vitest";
import { fuseRankings, RRF_K } from "../../workers/knowledge/fuse";
import type { Passage } from "../../workers/knowledge/store";

const p = (docId: string, chunk: number, score = 1): Passage => ({
  docId,
  chunk,
  title: docId,
  text: `${docId} ${chunk}`,
  score,
});

describe("fuseRankings", () => {
  it("ranks a passage both lists found above one that tops a single list", () => {
    const fts = [p("a", 0, 9), p("b", 0, 8), p("c", 0, 7)];
    const vectors = [p("d", 0, 0.99), p("b", 0, 0.9)];
    const fused = fuseRankings([fts, vectors], 10);
    expect(fused.map((x) => `${x.docId}#${x.chunk}`)).toEqual(["b#0", "a#0", "d#0", "c#0"]);
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 2));
    expect(fused[1]!.score).toBeCloseTo(1 / (RRF_K + 1));
  });

  it("keeps passages apart by document and chunk, respects the limit, and passes one list through", () => {
    expect(fuseRankings([[p("a", 0), p("a", 1)], [p("a", 1)]], 1).map((x) => x.chunk)).toEqual([1]);
    expect(fuseRankings([[p("a", 0), p("b", 0)], []], 5).map((x) => x.docId)).toEqual(["a", "b"]);
    expect(fuseRankings([], 5)).toEqual([]);
  });
});
