/** /v1/knowledge: a tenant's knowledge base (documents, full-text search). */
import { z } from "zod";

export const knowledgeDocumentInputSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    format: z.enum(["markdown", "text", "html"]),
    /** The document itself (the request body limit applies, 1 MiB by default). */
    content: z.string().min(1),
  })
  .meta({ id: "KnowledgeDocumentInput" });

export const knowledgeDocumentSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    format: z.enum(["markdown", "text", "html"]),
    sizeBytes: z.number().int(),
    /** Passages indexed. */
    chunks: z.number().int(),
    createdAt: z.number(),
  })
  .meta({ id: "KnowledgeDocument" });

export const knowledgeSearchSchema = z
  .strictObject({
    query: z.string().trim().min(1).max(1_000),
    limit: z.number().int().min(1).max(50).default(5),
  })
  .meta({ id: "KnowledgeSearch" });

export const passageSchema = z.object({
  docId: z.string(),
  chunk: z.number().int(),
  title: z.string(),
  text: z.string(),
  /** Higher is a better match: -bm25 (FTS5 alone), or the reciprocal-rank-fusion score when vector hits are merged in (production). */
  score: z.number(),
});

export const knowledgeSearchResultSchema = z.object({ passages: z.array(passageSchema) });
