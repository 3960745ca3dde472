/**
 * KNOWLEDGE HOOK — where the knowledge base's retrieval plugs into the page and program
 * pipelines. The input may name `knowledgeDocs` (document ids of the tenant's knowledge base);
 * the steps put the passages found here in their prompts (as data, between <knowledge> tags) and
 * the `sources` in their output so it cites what it used.
 *
 * The retrieval itself (`retrievePassages(env, tenantId, query, { limit })` in
 * workers/knowledge/retrieve.ts) is built on the `modes` branch; until it is merged this returns
 * no passages. Replace the body with a call to it, filtered to `docIds`.
 */
import { z } from "zod";

export const knowledgeDocsSchema = z.array(z.string().min(1).max(100)).max(20).optional();

export const sourceSchema = z.strictObject({ docId: z.string(), chunk: z.number().int(), title: z.string() });
export type Source = z.infer<typeof sourceSchema>;

export type Knowledge = { passages: { docId: string; title: string; text: string }[]; sources: Source[] };

export async function retrieveKnowledge(
  _env: Env,
  _tenantId: string,
  docIds: string[] | undefined,
  _query: string,
): Promise<Knowledge> {
  if (!docIds?.length) return { passages: [], sources: [] };
  return { passages: [], sources: [] };
}

/** The passages as prompt data (empty when there are none). */
export function knowledgeBlock(knowledge: Knowledge): string {
  if (!knowledge.passages.length) return "(none)";
  return knowledge.passages
    .map((p) => `<knowledge doc="${p.docId}" title="${p.title.replace(/"/g, "'")}">\n${p.text}\n</knowledge>`)
    .join("\n");
}
