/** /v1/knowledge — upload documents to the tenant's knowledge base, search it, read and delete. */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { recordAudit } from "../../audit";
import { addDocument, deleteDocument, getDocument } from "../../knowledge/store";
import { searchKnowledge } from "../../knowledge/search";
import { deletePassageVectors, hasVectors, indexPassages } from "../../knowledge/vectors";
import {
  knowledgeDocumentInputSchema,
  knowledgeDocumentSchema,
  knowledgeSearchResultSchema,
  knowledgeSearchSchema,
} from "../../protocol/knowledge";
import { ApiError } from "../errors";
import { apiRouter, bearer, errors, json, jsonBody } from "../openapi";

const tags = ["Knowledge"];
const idParam = z.object({ id: z.string().regex(/^kd_[0-9a-f]{32}$/, "not a document id") });

const notFound = (id: string) => new ApiError(404, "not_found", "No document with this id", { id });

export const knowledgeRoutes = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Add a document (Markdown, text or HTML) to your knowledge base",
      security: bearer,
      request: { body: jsonBody(knowledgeDocumentInputSchema) },
      responses: { 201: json(knowledgeDocumentSchema, "Indexed"), ...errors(400, 401, 413) },
    }),
    async (c) => {
      const auth = c.get("auth");
      const { passages, ...doc } = await addDocument(c.env.DB, auth.tenantId, c.req.valid("json"));
      // Production only (Vectorize and Workers AI bindings): embeddings are indexed before the
      // answer, so a search right after the upload finds the document by meaning too.
      if (hasVectors(c.env)) await indexPassages(c.env, auth.tenantId, doc.id, passages);
      await recordAudit(c.get("db"), {
        tenantId: auth.tenantId,
        apiKeyId: auth.apiKeyId,
        action: "knowledge.add",
        target: doc.id,
        requestId: c.get("requestId"),
      });
      return c.json(doc, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/search",
      tags,
      summary: "The best passages for a query (FTS5, bm25), from your documents only",
      security: bearer,
      request: { body: jsonBody(knowledgeSearchSchema) },
      responses: { 200: json(knowledgeSearchResultSchema, "Best first"), ...errors(400, 401) },
    }),
    async (c) => {
      const { query, limit } = c.req.valid("json");
      const passages = await searchKnowledge(c.env, c.get("auth").tenantId, query, limit);
      return c.json({ passages }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "One document of your knowledge base",
      security: bearer,
      request: { params: idParam },
      responses: { 200: json(knowledgeDocumentSchema, "The document"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const doc = await getDocument(c.env.DB, c.get("auth").tenantId, id);
      if (!doc) throw notFound(id);
      return c.json(doc, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      summary: "Delete a document and its passages",
      security: bearer,
      request: { params: idParam },
      responses: {
        200: json(z.object({ id: z.string(), deleted: z.literal(true) }), "Deleted"),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const auth = c.get("auth");
      const before = hasVectors(c.env) ? await getDocument(c.env.DB, auth.tenantId, id) : null;
      if (!(await deleteDocument(c.env.DB, auth.tenantId, id))) throw notFound(id);
      if (before && hasVectors(c.env)) await deletePassageVectors(c.env, id, before.chunks);
      await recordAudit(c.get("db"), {
        tenantId: auth.tenantId,
        apiKeyId: auth.apiKeyId,
        action: "knowledge.delete",
        target: id,
        requestId: c.get("requestId"),
      });
      return c.json({ id, deleted: true as const }, 200);
    },
  );
