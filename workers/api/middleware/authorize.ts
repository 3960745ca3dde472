/**
 * Role and scope check for every /v1 route, from the one table (auth/permissions.ts): the route
 * that will answer is the first matched handler that is not a middleware, looked up as
 * `METHOD /path`. A route missing from the table is refused (fail closed) and logged.
 * Live streams opened with a ticket are checked when the ticket is redeemed (live-access.ts).
 */
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { authorize, refusalMessage, ROUTE_ACTIONS, type Action } from "../../auth/permissions";
import { log } from "../../observability/log";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { isTicketRequest } from "../live-access";

/** The action of the route that will answer this request; undefined when none matches (404). */
export function routeAction(
  routes: { method: string; path: string }[],
): { key: string; action?: Action } | undefined {
  const route = routes.find((r) => r.method !== "ALL");
  if (!route) return undefined;
  const key = `${route.method} ${route.path}`;
  return { key, action: ROUTE_ACTIONS[key] };
}

export const authorizeRoute = createMiddleware<AppEnv>(async (c, next) => {
  if (isTicketRequest(c.req)) return next();
  const found = routeAction(matchedRoutes(c));
  if (!found) return next();
  if (!found.action) {
    log.error("route without a permission rule", { route: found.key });
    throw new ApiError(403, "forbidden", "This route has no permission rule yet", { route: found.key });
  }
  const caller = c.get("auth");
  const verdict = authorize(caller, found.action);
  if (!verdict.ok) {
    throw new ApiError(
      403,
      verdict.reason === "no_team" ? "no_team" : "forbidden",
      refusalMessage(caller, found.action, verdict),
      {
        action: found.action,
        role: caller.role,
        required: verdict.required,
        ...(verdict.reason === "scope" ? { scopes: caller.scopes } : {}),
      },
    );
  }
  c.set("action", found.action);
  await next();
});
