/**
 * The OpenAPI description is generated from the route declarations; these check that it is
 * served without a key, documents the bearer scheme, and lists every route the Hono app
 * registers (a route added without a declaration fails here). Whether it is valid OpenAPI 3.1 is
 * checked in Node (test/web/api-docs.test.ts): the validator compiles JSON Schemas with
 * `new Function`, which workerd forbids.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../workers/app";
import { api } from "../../support/api";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[] }>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }> };
  security: unknown[];
};

/** `METHOD /path/{param}` for each route of the app that the description does not list. */
function undocumentedRoutes(app: { routes: { method: string; path: string }[] }, doc: Doc): string[] {
  const missing = new Set<string>();
  for (const route of app.routes) {
    // Middleware (app.use) is registered under ALL; it is not an operation.
    if (route.method === "ALL") continue;
    // Better Auth's own routes (browser sign-in), mounted whole: its API, documented by it and
    // in README "Sign-in", not ours to describe (workers/api/routes/auth.ts).
    if (route.path === "/api/auth/*") continue;
    const path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}");
    if (!doc.paths[path]?.[route.method.toLowerCase()]) missing.add(`${route.method} ${path}`);
  }
  return [...missing];
}

async function description(): Promise<Doc> {
  const res = await api("/openapi.json");
  expect(res.status).toBe(200);
  return res.json<Doc>();
}

describe("GET /openapi.json", () => {
  it("is OpenAPI 3.1, served without a key, with the bearer scheme applied to /v1", async () => {
    const doc = await description();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/v1/workflows"]?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/health"]?.get?.security).toEqual([]);
  });

  it("lists every route the app registers", async () => {
    const doc = await description();
    expect(undocumentedRoutes(await createApp(), doc)).toEqual([]);
  });

  it("the coverage check catches a route registered without a declaration", async () => {
    const doc = await description();
    const app = await createApp();
    app.get("/v1/secret-extra/:id{.+}", (c) => c.text("x"));
    expect(undocumentedRoutes(app, doc)).toEqual(["GET /v1/secret-extra/{id}"]);
    const bare = new OpenAPIHono().post("/v1/keys", (c) => c.text("x"));
    expect(undocumentedRoutes(bare, { ...doc, paths: {} })).toEqual(["POST /v1/keys"]);
  });

  it("describes bodies in the protocol's casing, with the one error shape", async () => {
    const doc = (await description()) as unknown as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.WorkflowRow?.properties ?? {})).toEqual(
      expect.arrayContaining(["costUsd", "createdAt", "updatedAt", "finishedAt"]),
    );
    expect(schemas.Error?.properties).toHaveProperty("error");
    // Every property name of our own schemas is camelCase; only the OpenAI-compatible ones differ.
    const ours = Object.entries(schemas).filter(([name]) => !["ChatCompletion"].includes(name));
    const snake = ours.flatMap(([name, s]) =>
      Object.keys(s.properties ?? {})
        .filter((p) => p.includes("_"))
        .map((p) => `${name}.${p}`),
    );
    expect(snake).toEqual([]);
  });
});

describe("GET /docs", () => {
  it("serves the reference page with the renderer from our own origin under a nonce CSP", async () => {
    const res = await api("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
    const html = await res.text();
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(html).toContain('src="/docs/scalar.js"');
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).toContain("/openapi.json");
    // Nothing is loaded from another origin: the page must work offline.
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
