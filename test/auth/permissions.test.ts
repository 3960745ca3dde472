/**
 * The authorization table against the real route list: every /v1 route has a rule (a new route
 * without one fails here), and for every route and every role a real request is refused with
 * 403 exactly when the table says the role is below the route's (checked before the handler
 * runs, so a made-up id or an empty body is enough to tell).
 */
import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROUTE_ACTIONS, authorize } from "../../workers/auth/permissions";
import { ROLES } from "../../workers/auth/roles";
import { createApp } from "../../workers/app";
import { api, authed } from "../support/api";
import { createRoleKey } from "../support/accounts";

const EXAMPLE_PARAMS: Record<string, string> = {
  id: "wf_00000000000000000000000000000000",
  action: "pause",
  node: "a/b",
  gate: "a/b",
  path: "x.md",
  n: "1",
};

// Every group loaded (workers/api/route-groups.ts): the routes are known before the tests are made.
const app = await createApp();

function v1Routes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of app.routes) {
    if (r.method === "ALL" || !r.path.startsWith("/v1/")) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

function concrete(path: string): string {
  return path.replace(
    /:(\w+)(\{[^}]+\})?/g,
    (_, name: string) => EXAMPLE_PARAMS[name] ?? "00000000-0000-4000-8000-000000000000",
  );
}

describe("the permission table", () => {
  const routes = v1Routes();

  it("has a rule for every /v1 route the app serves", () => {
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((key) => !(key in ROUTE_ACTIONS));
    expect(missing).toEqual([]);
  });

  it("names only actions that exist", () => {
    for (const action of Object.values(ROUTE_ACTIONS)) expect(PERMISSIONS).toHaveProperty(action);
  });

  // Deleting the team or the account would end the test's own credentials: those run last.
  const last = (r: { method: string; path: string }) =>
    r.method === "DELETE" && (r.path === "/v1/team" || r.path === "/v1/me") ? 1 : 0;
  for (const role of ROLES) {
    it(`refuses a ${role} exactly the routes above ${role}`, async () => {
      const key = await createRoleKey(role);
      const wrong: string[] = [];
      for (const route of [...routes].sort((a, b) => last(a) - last(b))) {
        const action = ROUTE_ACTIONS[`${route.method} ${route.path}`]!;
        const allowed = authorize({ role, scopes: null }, action).ok;
        const res = await api(
          concrete(route.path),
          authed(key.key, {
            method: route.method,
            headers: { "Content-Type": "application/json" },
            ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: "{}" }),
          }),
        );
        const body =
          res.status === 403
            ? await res.json<{ error: { code: string; details?: { required?: string } } }>()
            : null;
        const refusedByTable =
          res.status === 403 &&
          body?.error.code === "forbidden" &&
          body.error.details?.required !== undefined;
        if (refusedByTable === allowed)
          wrong.push(`${route.method} ${route.path}: ${res.status} ${JSON.stringify(body)}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("a key limited to the gateway scope may use the gateway and nothing else", async () => {
    const key = await createRoleKey("editor");
    const { env } = await import("cloudflare:workers");
    await env.DB.prepare("UPDATE api_keys SET scopes = ? WHERE id = ?")
      .bind(JSON.stringify(["gateway"]), key.id)
      .run();
    const models = await api("/v1/models", authed(key.key));
    expect(models.status).toBe(200);
    const runs = await api("/v1/workflows", authed(key.key));
    expect(runs.status).toBe(403);
    expect(await runs.json()).toMatchObject({
      error: { code: "forbidden", details: { scopes: ["gateway"] } },
    });
  });
});
