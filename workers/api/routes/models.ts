/**
 * GET /v1/models — OpenAI-style model list: "auto" (the router's chain) and "provider/model" for
 * every configured provider. Unconfigured providers are left out: their models cannot answer.
 */
import { createRoute } from "@hono/zod-openapi";
import { modelListSchema } from "../../protocol/openai";
import { buildAdapters } from "../../providers/registry";
import { PROVIDER_NAMES } from "../../providers/types";
import { apiRouter, bearer, errors, json } from "../openapi";

export const modelRoutes = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["OpenAI-compatible"],
    summary: "List models in OpenAI's format",
    security: bearer,
    responses: { 200: json(modelListSchema, "Models"), ...errors(401) },
  }),
  (c) => {
    const adapters = buildAdapters(c.env);
    const data = [{ id: "auto", object: "model" as const, created: 0, owned_by: "tsumugi" }];
    for (const name of PROVIDER_NAMES) {
      const adapter = adapters[name];
      if (!adapter.configured) continue;
      for (const model of adapter.models)
        data.push({ id: `${name}/${model}`, object: "model", created: 0, owned_by: name });
    }
    return c.json({ object: "list" as const, data }, 200);
  },
);
