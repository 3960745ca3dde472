/**
 * GET /v1/models — OpenAI-style model list: "auto" (the router's chain) and "provider/model" for
 * every configured provider. Unconfigured providers are left out: their models cannot answer.
 */
import { Hono } from "hono";
import { buildAdapters } from "../../providers/registry";
import { PROVIDER_NAMES } from "../../providers/types";
import type { AppEnv } from "../app-env";

export const modelRoutes = new Hono<AppEnv>().get("/", (c) => {
  const adapters = buildAdapters(c.env);
  const data = [{ id: "auto", object: "model", created: 0, owned_by: "tsumugi" }];
  for (const name of PROVIDER_NAMES) {
    const adapter = adapters[name];
    if (!adapter.configured) continue;
    for (const model of adapter.models)
      data.push({ id: `${name}/${model}`, object: "model", created: 0, owned_by: name });
  }
  return c.json({ object: "list", data });
});
