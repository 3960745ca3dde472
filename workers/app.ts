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
import { accountRoutes } from "./api/routes/account";
import { authRoutes } from "./api/routes/auth";
import { teamRoutes } from "./api/routes/team";
import { observeRequest } from "./api/middleware/observe-request";
import { traceRequest } from "./api/middleware/trace-request";
import { chatCompletionRoutes } from "./api/routes/chat-completions";
import { faultInjectionRoutes } from "./api/routes/fault-injection";
import { healthRoutes } from "./api/routes/health";
import { artifactRoutes } from "./api/routes/artifacts";
import { mangaPageRoutes } from "./api/routes/manga-pages";
import { pagePreviewRoutes } from "./api/routes/page-preview";
import { deadLetterRoutes } from "./api/routes/dead-letters";
import { keyRoutes } from "./api/routes/keys";
import { describeUploadRoutes } from "./api/routes/upload-docs";
import { uploadRoutes } from "./api/routes/uploads";
import { workflowLiveRoutes } from "./api/routes/workflow-live";
import { workflowRoutes } from "./api/routes/workflows";
import { workflowModeRoutes } from "./api/routes/workflow-modes";
import { promptRoutes } from "./api/routes/prompts";
import { knowledgeRoutes } from "./api/routes/knowledge";
import { modelRoutes } from "./api/routes/models";
import { providerRoutes } from "./api/routes/providers";
import { taskRoutes } from "./api/routes/tasks";
import { metricsRoutes } from "./api/routes/metrics";
import { metricsSummaryRoutes } from "./api/routes/metrics-summary";
import { auditRoutes } from "./api/routes/audit";
import { notificationRoutes } from "./api/routes/notifications";
import { openDb } from "./db/client";

const DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024;

export function createApp() {
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

  app.route("/", healthRoutes);
  app.route("/", metricsRoutes);
  serveApiDescription(app);

  app.use("/v1/*", ipRateLimit);
  app.use("/api/auth/*", ipRateLimit);
  app.route("/api/auth", authRoutes);
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
  app.route("/v1/uploads", uploadRoutes);
  describeUploadRoutes(app, "/v1/uploads");
  app.route("/v1/keys", keyRoutes);
  app.route("/v1/workflows", faultInjectionRoutes);
  app.route("/v1/workflows", artifactRoutes);
  app.route("/v1/workflows", mangaPageRoutes);
  app.route("/v1/workflows", pagePreviewRoutes);
  app.route("/v1/workflows", workflowLiveRoutes);
  app.route("/v1/workflows", workflowModeRoutes);
  app.route("/v1/workflows", workflowRoutes);
  app.route("/v1/dead-letters", deadLetterRoutes);
  app.route("/v1/chat/completions", chatCompletionRoutes);
  app.route("/v1/models", modelRoutes);
  app.route("/v1/providers", providerRoutes);
  app.route("/v1/tasks", taskRoutes);
  app.route("/v1/metrics", metricsSummaryRoutes);
  app.route("/v1/audit", auditRoutes);
  app.route("/v1/notifications", notificationRoutes);
  app.route("/v1", accountRoutes);
  app.route("/v1/team", teamRoutes);
  app.route("/v1/prompts", promptRoutes);
  app.route("/v1/knowledge", knowledgeRoutes);

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
