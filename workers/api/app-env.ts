import type { Db } from "../db/client";

/** What middleware puts on the context for the routes after it. */
export type AppVariables = {
  requestId: string;
  db: Db;
  /** Set by `requireApiKey` on every /v1 route. */
  auth: { apiKeyId: string; tenantId: string };
};

export type AppEnv = { Bindings: Env; Variables: AppVariables };
