/**
 * Routes are declared with @hono/zod-openapi: each names its request and response schemas from
 * workers/protocol, so the handler's `c.json(…)` is type-checked against the declared response
 * and the OpenAPI description (/openapi.json) is generated from the same schemas. A request that
 * fails its schema is a 400 `validation_failed` listing each offending field.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import { errorBodySchema } from "../protocol/errors";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";
import { issuesOf } from "./validate";

/** A router whose validation failures use the API's error body. */
export function apiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError(400, "validation_failed", `Invalid request ${result.target}`, {
          issues: issuesOf(result.error),
        });
      }
    },
  });
}

/** `{ description, content: application/json }` for a response or request body. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

export { raw } from "./openapi-raw";

const ERROR_MEANINGS: Record<number, string> = {
  400: "The request failed validation (`validation_failed`, with the fields) or is otherwise unusable",
  401: "Missing or invalid API key",
  402: "A budget is exhausted",
  404: "No such resource for this tenant",
  409: "The resource is not in a state that allows this",
  413: "The body is larger than this route accepts",
  415: "The body's type is not supported",
  422: "The provider refused the content",
  426: "This route speaks WebSocket",
  429: "Rate limited (see Retry-After)",
  502: "An upstream provider failed",
  503: "No provider (or storage) is available",
  504: "The provider timed out",
};

/** The error responses a route may give, all `{ error: { code, message, details } }`. */
export function errors<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, json(errorBodySchema, ERROR_MEANINGS[status] ?? "Error")]),
  ) as Record<S, ReturnType<typeof json<typeof errorBodySchema>>>;
}

/** Routes under /v1 need the API key (see the `bearerAuth` scheme in app.ts). */
export const bearer = [{ bearerAuth: [] }];
