/**
 * GET /health — unauthenticated liveness and readiness. Every binding the API and the consumers
 * need is really used (api/health-probes.ts), each within a timeout, so a 200 means they answer,
 * not merely that they are configured. Any failing check makes it "degraded" with a 503; Workers
 * AI is "not_configured" locally (remote-only binding), which is not a failure.
 */
import { createRoute } from "@hono/zod-openapi";
import { METRICS_OBJECT } from "../../observability/flush-metrics";
import { healthSchema } from "../../protocol/health";
import { VERSION } from "../../version";
import { check, probeD1, probeObject, probeQueue, probeR2, probeWorkersAi } from "../health-probes";
import { apiRouter, json } from "../openapi";

/** The name of the objects pinged in namespaces whose objects are per run, key or provider. */
const PROBE_OBJECT = "_health";

export const healthRoutes = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
    tags: ["Health"],
    summary:
      "Liveness and readiness: really uses D1, R2, each queue and Durable Object namespace (no key needed)",
    security: [],
    responses: {
      200: json(healthSchema, "Everything the API needs answered"),
      503: json(healthSchema, "A check failed (see `bindings`)"),
    },
  }),
  async (c) => {
    const env = c.env;
    const ping =
      <T extends { ping(): Promise<"pong"> | "pong" }>(
        ns: {
          idFromName(name: string): DurableObjectId;
          get(id: DurableObjectId): T;
        },
        name = PROBE_OBJECT,
      ) =>
      () =>
        probeObject(async () => ns.get(ns.idFromName(name)).ping());
    const [
      d1,
      r2,
      stepsQueue,
      tasksQueue,
      workflowRun,
      providerGuard,
      budgetLedger,
      taskEvents,
      metrics,
      workersAi,
    ] = await Promise.all([
      check(() => probeD1(env.DB), env.DB),
      check(() => probeR2(env.BUCKET), env.BUCKET),
      check(() => probeQueue(env.STEPS), env.STEPS),
      check(() => probeQueue(env.TASKS), env.TASKS),
      check(ping(env.WORKFLOW_RUN), env.WORKFLOW_RUN),
      check(ping(env.PROVIDER_GUARD), env.PROVIDER_GUARD),
      check(ping(env.BUDGET_LEDGER), env.BUDGET_LEDGER),
      check(ping(env.TASK_EVENTS), env.TASK_EVENTS),
      check(ping(env.METRICS, METRICS_OBJECT), env.METRICS),
      check(() => probeWorkersAi(env.AI!), env.AI, true),
    ]);
    const bindings = {
      d1,
      r2,
      stepsQueue,
      tasksQueue,
      workflowRun,
      providerGuard,
      budgetLedger,
      taskEvents,
      metrics,
      workersAi,
    };
    const healthy = Object.values(bindings).every((b) => b.state !== "failing");
    return c.json(
      {
        status: healthy ? ("ok" as const) : ("degraded" as const),
        version: VERSION,
        environment: env.ENVIRONMENT,
        bindings,
      },
      healthy ? 200 : 503,
    );
  },
);
