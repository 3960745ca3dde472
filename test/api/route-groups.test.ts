/**
 * The routes are loaded per group on first use (workers/api/route-groups.ts): a request is
 * answered by the app holding only its path's group. These check that every operation of the
 * OpenAPI document is reachable that way, that no group holds a route outside its prefixes, and
 * that a path of no group still gets the one JSON 404.
 */
import { describe, expect, it } from "vitest";
import { ROUTE_GROUPS, groupOf } from "../../workers/api/route-groups";
import { appFor } from "../../workers/app";
import { api, authed, createTestKey } from "../support/api";

type Doc = { paths: Record<string, Record<string, unknown>> };

/** `METHOD /path/{param}`, the document's spelling of a Hono route. */
function key(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}")}`;
}

function routesOf(app: { routes: { method: string; path: string }[] }): string[] {
  return app.routes.filter((r) => r.method !== "ALL").map((r) => key(r.method, r.path));
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

describe("route groups", () => {
  it("reach every operation of the OpenAPI document through the group of its path", async () => {
    const res = await api("/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<Doc>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => HTTP_METHODS.includes(m))
        .map((method) => ({ method, path })),
    );
    expect(operations.length).toBeGreaterThan(40);
    const unreachable: string[] = [];
    for (const { method, path } of operations) {
      // A concrete path of the operation: each {param} filled in.
      const concrete = path.replace(/\{\w+\}/g, "x");
      const group = groupOf(concrete);
      if (group === undefined) {
        unreachable.push(`${key(method, path)} (no group)`);
        continue;
      }
      const app = await appFor(concrete);
      if (group === "all") continue; // the description itself, served by the app with every group
      if (!routesOf(app).includes(key(method, path)))
        unreachable.push(`${key(method, path)} (${group.name})`);
    }
    expect(unreachable).toEqual([]);
  });

  it("hold only routes under their own prefixes", async () => {
    const stray: string[] = [];
    for (const group of ROUTE_GROUPS) {
      const app = await appFor(group.prefixes[0]!);
      for (const route of app.routes.filter((r) => r.method !== "ALL")) {
        const owner = groupOf(route.path.replace(/:(\w+)(\{[^}]*\})?/g, "x").replace(/\*$/, "x"));
        if (owner !== group) stray.push(`${group.name}: ${route.method} ${route.path}`);
      }
    }
    expect(stray).toEqual([]);
  });

  it("answer a path of no group with the JSON 404", async () => {
    for (const path of ["/nope", "/v1nope", "/healthz"]) {
      const res = await api(path);
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toMatchObject({
        error: { code: "not_found", message: `No route for GET ${path}` },
      });
      expect(res.headers.get("X-Request-Id"), path).toBeTruthy();
    }
    const { key: apiKey } = await createTestKey();
    const res = await api("/v1/nope", authed(apiKey));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    // Without a key, a /v1 path of no group is refused like any other /v1 path.
    expect((await api("/v1/nope")).status).toBe(401);
  });

  it("answer an unknown path under a group's prefix with the JSON 404", async () => {
    const { key: apiKey } = await createTestKey();
    const res = await api("/v1/workflows/x/no-such-thing/at-all", authed(apiKey));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
