/**
 * The API's own description: OpenAPI 3.1 at /openapi.json, generated from the route declarations
 * (and so from workers/protocol), and a reference page at /docs rendered by Scalar. The page
 * works offline: the renderer's script is served from our own origin (/docs/scalar.js, copied
 * into the static assets by scripts/build-web.ts), never from a CDN, and the page's CSP allows
 * only that script and the page's own nonce'd bootstrap.
 */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { VERSION } from "../version";
import type { AppEnv } from "./app-env";
import { raw } from "./openapi-raw";

export const SCALAR_SCRIPT_PATH = "/docs/scalar.js";

const docsCsp = (nonce: string) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Scalar sets inline styles on its components.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");

export function serveApiDescription(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description:
      "An API key (`tsu_…`) from `npm run key:create` or POST /v1/keys, as `Authorization: Bearer <key>`.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "metricsToken", {
    type: "http",
    scheme: "bearer",
    description: "The METRICS_TOKEN secret (GET /metrics only; not an API key).",
  });
  app.openAPIRegistry.registerPath(
    createRoute({
      method: "get",
      path: "/openapi.json",
      tags: ["Meta"],
      summary: "This description (OpenAPI 3.1); no key needed",
      security: [],
      responses: { 200: raw("application/json", "The OpenAPI document") },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: "get",
      path: "/docs",
      tags: ["Meta"],
      summary: "The API reference page (renders /openapi.json); no key needed",
      security: [],
      responses: { 200: raw("text/html", "An HTML page") },
    }),
  );
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Tsumugi API",
      version: VERSION,
      description:
        "Durable, reviewable AI content workflows. Every body of our own routes is camelCase JSON; " +
        "every error is `{ error: { code, message, details } }`. The OpenAI-compatible routes " +
        "(`/v1/chat/completions`, `/v1/models`) keep OpenAI's wire format.",
    },
    servers: [{ url: new URL(c.req.url).origin }],
    security: [{ bearerAuth: [] }],
  }));
  app.get("/docs", (c, next) => {
    // If the app-wide secureHeaders middleware issues a nonce (hono's NONCE), use that one: its
    // CSP header is written after this handler and would otherwise not match the page.
    const nonce = c.get("secureHeadersNonce") ?? crypto.randomUUID().replace(/-/g, "");
    c.header("Content-Security-Policy", docsCsp(nonce));
    return Scalar<AppEnv>({
      url: "/openapi.json",
      cdn: SCALAR_SCRIPT_PATH,
      nonce,
      pageTitle: "Tsumugi API reference",
      favicon: "data:,",
      // Offline and self-contained: no web fonts, telemetry, AI agent, MCP or hosted tooling.
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: "never",
      defaultOpenAllTags: true,
    })(c, next);
  });
}
