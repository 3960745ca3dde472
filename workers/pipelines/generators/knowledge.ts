/**
 * Knowledge for the page and program pipelines. The input may name `knowledgeDocs` (document ids
 * of the tenant's knowledge base); the steps put the passages found here in their prompts (as
 * data, between <knowledge> tags) and the `sources` in their output so it cites what it used.
 * The search is the knowledge base's own (FTS5, bm25; workers/knowledge/retrieve.ts), kept to the
 * documents the run names.
 */
import { z } from "zod";
import { retrievePassages } from "../../knowledge/retrieve";

export const sourceSchema = z.strictObject({ docId: z.string(), chunk: z.number().int(), title: z.string() });
export type Source = z.infer<typeof sourceSchema>;

export type Knowledge = { passages: { docId: string; title: string; text: string }[]; sources: Source[] };

/** Passages a prompt gets at most: enough to ground it, few enough to leave room for the task. */
const PASSAGES_PER_PROMPT = 5;

export async function retrieveKnowledge(
  env: Env,
  tenantId: string,
  docIds: string[] | undefined,
  query: string,
): Promise<Knowledge> {
  if (!docIds?.length) return { passages: [], sources: [] };
  // The search ranks the tenant's whole base; ask for the most it gives and keep the run's own
  // documents, best first.
  const wanted = new Set(docIds);
  const found = await retrievePassages(env, tenantId, query, { limit: 50 });
  const passages = found.passages.filter((p) => wanted.has(p.docId)).slice(0, PASSAGES_PER_PROMPT);
  return {
    passages: passages.map(({ docId, title, text }) => ({ docId, title, text })),
    sources: passages.map(({ docId, chunk, title }) => ({ docId, chunk, title })),
  };
}

/** The passages as prompt data (empty when there are none). */
export function knowledgeBlock(knowledge: Knowledge): string {
  if (!knowledge.passages.length) return "(none)";
  return knowledge.passages
    .map((p) => `<knowledge doc="${p.docId}" title="${p.title.replace(/"/g, "'")}">\n${p.text}\n</knowledge>`)
    .join("\n");
}
