/**
 * What a pipeline step calls to ground a prompt in the tenant's knowledge base: the best
 * passages for a query, and the `sources` to put in the step's output so it cites them.
 *
 * @example
 * const { passages, sources } = await retrievePassages(ctx.env, ctx.run.tenantId, brief, { limit: 4 });
 * const context = passages.map((p) => `<passage source="${p.docId}#${p.chunk}">${p.text}</passage>`).join("\n");
 * // … prompt with `context` as data …; return { output: { …, sources } }
 */
import { searchKnowledge } from "./search";
import type { Passage } from "./store";
import type { VectorEnv } from "./vectors";

export type Source = { docId: string; chunk: number; title: string };

export async function retrievePassages(
  env: VectorEnv,
  tenantId: string,
  query: string,
  options: { limit?: number } = {},
): Promise<{ passages: Passage[]; sources: Source[] }> {
  const passages = await searchKnowledge(env, tenantId, query, Math.min(Math.max(options.limit ?? 5, 1), 50));
  return { passages, sources: passages.map(({ docId, chunk, title }) => ({ docId, chunk, title })) };
}
