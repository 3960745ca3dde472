/**
 * The HTTP API. Middleware order matters: request id and trace first (so every response, errors
 * included, carries them), then security headers, the database handle, and for /v1 the body
 * limit and API key check before any route runs. Routes declare their schemas (workers/protocol)
 * with @hono/zod-openapi; /openapi.json and /docs describe them (api/docs.ts).
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./api/app-env";
import { serveApiDescription } from "./api/docs";
import { ApiError, handleError, handleNotFound } from "./api/errors";
import { requireApiKey } from "./api/middleware/auth";
import { authorizeRoute } from "./api/middleware/authorize";
import { generationRateLimit, ipRateLimit } from "./api/middleware/rate-limits";
import { observeRequest } from "./api/middleware/observe-request";
import { traceRequest } from "./api/middleware/trace-request";
import { openDb } from "./db/client";
import { groupOf, ROUTE_GROUPS, type MountRoutes, type RouteGroup } from "./api/route-groups";

const DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * The app with every route (every group loaded): what /openapi.json describes, and what tests call
 * directly. A new app on each call; the modules are loaded once.
 */
export function createApp(): Promise<OpenAPIHono<AppEnv>> {
  return mountAll();
}

/**
 * The app that answers a request for `path`: the middleware of every request and only the routes
 * of the path's group (api/route-groups.ts), built on the first request for that group. A path
 * of no group gets the app without routes, which answers with the same JSON 404.
 */
export function appFor(path: string): Promise<OpenAPIHono<AppEnv>> {
  const group = groupOf(path);
  if (group === "all") return built("all", mountAll);
  if (!group) return built("none", async () => buildApp(() => {}, false));
  return built(group.name, async () => buildApp(await group.load(), false));
}

const apps = new Map<string, Promise<OpenAPIHono<AppEnv>>>();

function built(key: string, build: () => Promise<OpenAPIHono<AppEnv>>): Promise<OpenAPIHono<AppEnv>> {
  let app = apps.get(key);
  if (!app) {
    app = build();
    // A failed load (e.g. a module that threw) is tried again on the next request.
    app.catch(() => apps.delete(key));
    apps.set(key, app);
  }
  return app;
}

async function mountAll(): Promise<OpenAPIHono<AppEnv>> {
  const mounts = await Promise.all(ROUTE_GROUPS.map((g: RouteGroup) => g.load()));
  return buildApp((app) => mounts.forEach((mount) => mount(app)), true);
}

function buildApp(mountRoutes: MountRoutes, describe: boolean): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestId({ headerName: "X-Request-Id" }));
  // The trace wraps everything after it, so the request's log line carries its trace id.
  app.use(traceRequest);
  app.use(observeRequest);
  // API answers are JSON (and event streams), never a page: nothing may load or frame them.
  // The web app's own headers are in web/src/_headers (assets do not pass through here).
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      xFrameOptions: "DENY",
      referrerPolicy: "no-referrer",
      // Artifact downloads set a stricter policy of their own (sandbox): keep it.
      overwrite: false,
    }),
  );
  app.use(async (c, next) => {
    c.set("db", openDb(c.env.DB));
    await next();
  });

  if (describe) serveApiDescription(app);

  app.use("/v1/*", ipRateLimit);
  app.use("/api/auth/*", ipRateLimit);
  app.use("/v1/*", requireApiKey);
  app.use("/v1/*", authorizeRoute);
  app.use("/v1/*", generationRateLimit);
  // Uploads carry whole books and have their own, larger limit (routes/uploads.ts).
  app.use("/v1/*", (c, next) =>
    c.req.path === "/v1/uploads"
      ? next()
      : bodyLimit({
          maxSize: Number(c.env.MAX_JSON_BODY_BYTES) || DEFAULT_MAX_JSON_BODY_BYTES,
          onError: () => {
            throw new ApiError(413, "payload_too_large", "Request body is too large", {
              maxBytes: Number(c.env.MAX_JSON_BODY_BYTES) || DEFAULT_MAX_JSON_BODY_BYTES,
            });
          },
        })(c, next),
  );
  // The routes after all the middleware: each middleware above is bound to a path pattern
  // (/v1/*, /api/auth/*) that no route before it used to share, so the order is unchanged.
  mountRoutes(app);

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
