/**
 * The description of /v1/uploads. Its handlers (uploads.ts) read raw or multipart bodies with
 * their own size limit, so they are plain Hono routes and are described here instead; their
 * answers are built through the same protocol schemas.
 */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import {
  createdUploadSchema,
  deletedUploadSchema,
  uploadIdParamSchema,
  uploadInfoSchema,
} from "../../protocol/uploads";
import type { AppEnv } from "../app-env";
import { bearer, errors, json } from "../openapi";

const tags = ["Uploads"];

export function describeUploadRoutes(app: OpenAPIHono<AppEnv>, prefix: string): void {
  app.openAPIRegistry.registerPath(
    createRoute({
      method: "post",
      path: `${prefix}`,
      tags,
      summary: "Upload a book (Markdown or zip): read and split before it is stored",
      description:
        "Send the file as the raw body (name in `?name=`) or as multipart form data (field `file`). " +
        "The answer describes the book that was found; a bad upload stores nothing.",
      security: bearer,
      request: {
        body: {
          required: true,
          content: {
            "text/markdown": { schema: { type: "string" } },
            "application/zip": { schema: { type: "string", format: "binary" } },
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: { file: { type: "string", format: "binary" } },
                required: ["file"],
              },
            },
          },
        },
      },
      responses: { 201: json(createdUploadSchema, "Stored"), ...errors(400, 401, 413, 415) },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: "get",
      path: `${prefix}/{id}`,
      tags,
      summary: "An upload's size, name, hash and kind",
      security: bearer,
      request: { params: uploadIdParamSchema },
      responses: { 200: json(uploadInfoSchema, "The upload"), ...errors(400, 401, 404) },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: "delete",
      path: `${prefix}/{id}`,
      tags,
      summary: "Delete an upload",
      security: bearer,
      request: { params: uploadIdParamSchema },
      responses: { 200: json(deletedUploadSchema, "Deleted"), ...errors(400, 401, 404) },
    }),
  );
}
