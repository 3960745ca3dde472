/**
 * The API's routes in groups by path prefix, each loaded on first use (issue 16, cold start):
 * a route module builds its OpenAPIHono sub-app and its zod/OpenAPI definitions when it is
 * evaluated, which was most of the Worker's start-up CPU when every module was imported at the
 * top. A request loads only the group its path belongs to (app.ts `appFor`); /openapi.json and
 * /docs load them all. Every route of a group must sit under one of its prefixes:
 * test/api/route-groups.test.ts checks each route of the OpenAPI document against this table.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";

/** Mounts a group's routes on an app (in the order app.ts always mounted them). */
export type MountRoutes = (app: OpenAPIHono<AppEnv>) => void;

export interface RouteGroup {
  readonly name: string;
  /** A path belongs to the group when it is a prefix or starts with `prefix/`. */
  readonly prefixes: readonly string[];
  readonly load: () => Promise<MountRoutes>;
}

/** In mounting order: the order of this list is the order of app.ts before the split. */
export const ROUTE_GROUPS: readonly RouteGroup[] = [
  {
    name: "health",
    prefixes: ["/health"],
    load: async () => {
      const { healthRoutes } = await import("./routes/health");
      return (app) => app.route("/", healthRoutes);
    },
  },
  {
    name: "metrics",
    prefixes: ["/metrics"],
    load: async () => {
      const { metricsRoutes } = await import("./routes/metrics");
      return (app) => app.route("/", metricsRoutes);
    },
  },
  {
    name: "auth",
    prefixes: ["/api/auth"],
    load: async () => {
      const { authRoutes } = await import("./routes/auth");
      return (app) => app.route("/api/auth", authRoutes);
    },
  },
  {
    name: "uploads",
    prefixes: ["/v1/uploads"],
    load: async () => {
      const [{ uploadRoutes }, { describeUploadRoutes }] = await Promise.all([
        import("./routes/uploads"),
        import("./routes/upload-docs"),
      ]);
      return (app) => {
        app.route("/v1/uploads", uploadRoutes);
        describeUploadRoutes(app, "/v1/uploads");
      };
    },
  },
  {
    name: "keys",
    prefixes: ["/v1/keys"],
    load: async () => {
      const { keyRoutes } = await import("./routes/keys");
      return (app) => app.route("/v1/keys", keyRoutes);
    },
  },
  {
    name: "workflows",
    prefixes: ["/v1/workflows"],
    load: async () => {
      const [faults, artifacts, mangaPages, preview, live, modes, workflows] = await Promise.all([
        import("./routes/fault-injection"),
        import("./routes/artifacts"),
        import("./routes/manga-pages"),
        import("./routes/page-preview"),
        import("./routes/workflow-live"),
        import("./routes/workflow-modes"),
        import("./routes/workflows"),
      ]);
      return (app) => {
        app.route("/v1/workflows", faults.faultInjectionRoutes);
        app.route("/v1/workflows", artifacts.artifactRoutes);
        app.route("/v1/workflows", mangaPages.mangaPageRoutes);
        app.route("/v1/workflows", preview.pagePreviewRoutes);
        app.route("/v1/workflows", live.workflowLiveRoutes);
        app.route("/v1/workflows", modes.workflowModeRoutes);
        app.route("/v1/workflows", workflows.workflowRoutes);
      };
    },
  },
  {
    name: "dead-letters",
    prefixes: ["/v1/dead-letters"],
    load: async () => {
      const { deadLetterRoutes } = await import("./routes/dead-letters");
      return (app) => app.route("/v1/dead-letters", deadLetterRoutes);
    },
  },
  {
    name: "chat",
    prefixes: ["/v1/chat/completions"],
    load: async () => {
      const { chatCompletionRoutes } = await import("./routes/chat-completions");
      return (app) => app.route("/v1/chat/completions", chatCompletionRoutes);
    },
  },
  {
    name: "models",
    prefixes: ["/v1/models"],
    load: async () => {
      const { modelRoutes } = await import("./routes/models");
      return (app) => app.route("/v1/models", modelRoutes);
    },
  },
  {
    name: "providers",
    prefixes: ["/v1/providers"],
    load: async () => {
      const { providerRoutes } = await import("./routes/providers");
      return (app) => app.route("/v1/providers", providerRoutes);
    },
  },
  {
    name: "tasks",
    prefixes: ["/v1/tasks"],
    load: async () => {
      const { taskRoutes } = await import("./routes/tasks");
      return (app) => app.route("/v1/tasks", taskRoutes);
    },
  },
  {
    name: "metrics-summary",
    prefixes: ["/v1/metrics"],
    load: async () => {
      const { metricsSummaryRoutes } = await import("./routes/metrics-summary");
      return (app) => app.route("/v1/metrics", metricsSummaryRoutes);
    },
  },
  {
    name: "audit",
    prefixes: ["/v1/audit"],
    load: async () => {
      const { auditRoutes } = await import("./routes/audit");
      return (app) => app.route("/v1/audit", auditRoutes);
    },
  },
  {
    name: "notifications",
    prefixes: ["/v1/notifications"],
    load: async () => {
      const { notificationRoutes } = await import("./routes/notifications");
      return (app) => app.route("/v1/notifications", notificationRoutes);
    },
  },
  {
    name: "account",
    prefixes: ["/v1/me", "/v1/teams", "/v1/invitations"],
    load: async () => {
      const { accountRoutes } = await import("./routes/account");
      return (app) => app.route("/v1", accountRoutes);
    },
  },
  {
    name: "team",
    prefixes: ["/v1/team"],
    load: async () => {
      const { teamRoutes } = await import("./routes/team");
      return (app) => app.route("/v1/team", teamRoutes);
    },
  },
  {
    name: "prompts",
    prefixes: ["/v1/prompts"],
    load: async () => {
      const { promptRoutes } = await import("./routes/prompts");
      return (app) => app.route("/v1/prompts", promptRoutes);
    },
  },
  {
    name: "knowledge",
    prefixes: ["/v1/knowledge"],
    load: async () => {
      const { knowledgeRoutes } = await import("./routes/knowledge");
      return (app) => app.route("/v1/knowledge", knowledgeRoutes);
    },
  },
];

/** Paths answered by the app with every group: the API's description of itself. */
export const ALL_GROUPS_PATHS: readonly string[] = ["/openapi.json", "/docs"];

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * The group a request path belongs to: "all" for the description, undefined when none (the app
 * without routes then answers, with the same middleware and the JSON 404).
 */
export function groupOf(path: string): RouteGroup | "all" | undefined {
  if (ALL_GROUPS_PATHS.some((p) => under(path, p))) return "all";
  return ROUTE_GROUPS.find((g) => g.prefixes.some((p) => under(path, p)));
}
