/**
 * The Worker entry: HTTP (Hono) and the queue consumers. Durable Object classes are exported
 * from here because wrangler binds them by the main module's exports.
 */
import { WorkflowRunObject } from "../durable-objects/workflow-run";
import type { StepCatalog } from "./engine/step-catalog";
import { flushMetricsSoon } from "./observability/flush-metrics";
import { setMetricsCollection } from "./observability/metrics";
import { log } from "./observability/log";

/**
 * The run object, given the pipelines here: the entry is the one module that knows both. The
 * pipelines (every step's schemas) load when the first run object of the isolate starts, before
 * it takes any event, not when the isolate starts (issue 16, cold start).
 */
export class WorkflowRun extends WorkflowRunObject {
  #catalog: StepCatalog | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    setMetricsCollection(env);
    super(ctx, env);
  }

  // The pipelines (and their schemas) load with the first run object, not with every isolate.
  protected override async loadCatalog(): Promise<void> {
    const { pipelineCatalog } = await import("./pipelines/catalog");
    this.#catalog = pipelineCatalog(this.env);
  }

  protected override catalog(): StepCatalog {
    if (!this.#catalog) throw new Error("the pipeline catalog is used before it loaded");
    return this.#catalog;
  }
}
export { ProviderGuard } from "../durable-objects/provider-guard";
export { BudgetLedger } from "../durable-objects/budget-ledger";
export { TaskEvents } from "../durable-objects/task-events";
export { MetricsStore } from "../durable-objects/metrics-store";

export default {
  async fetch(request, env, ctx) {
    setMetricsCollection(env);
    try {
      // The HTTP app (Hono, the OpenAPI layer, every middleware and drizzle's schema) loads on the
      // isolate's first request, not at start-up: an isolate that only hosts run objects or
      // consumes queues never builds it (issue 16, cold start). Only the routes of the request's
      // group are built, on its first request (api/route-groups.ts).
      const { appFor } = await import("./app");
      const app = await appFor(new URL(request.url).pathname);
      return await app.fetch(request, env, ctx);
    } finally {
      // Metrics recorded while answering go out after the response (flush-metrics.ts).
      flushMetricsSoon(env, (p) => ctx.waitUntil(p));
    }
  },
  async queue(batch, env, ctx) {
    setMetricsCollection(env);
    try {
      await consumeBatch(batch, env, ctx);
    } finally {
      flushMetricsSoon(env, (p) => ctx.waitUntil(p));
    }
  },
  /** The Cron Trigger ([triggers] in wrangler.toml): purges (upkeep/run-upkeep.ts). */
  async scheduled(controller, env, ctx) {
    try {
      const { runUpkeep } = await import("./upkeep/run-upkeep");
      await runUpkeep(env, controller.scheduledTime);
    } finally {
      flushMetricsSoon(env, (p) => ctx.waitUntil(p));
    }
  },
} satisfies ExportedHandler<Env>;

async function consumeBatch(batch: MessageBatch, env: Env, ctx: ExecutionContext): Promise<void> {
  // The consumers (and the pipelines they run) load on the first batch, not at start-up.
  const { queueConsumers } = await import("./consumer/registry");
  const consume = queueConsumers[batch.queue];
  if (!consume) {
    // A queue bound to this Worker without a consumer here is a deployment mistake; retrying
    // would only loop, so the messages go to that queue's dead-letter queue (if any) via retry.
    log.error("no consumer for queue", { queue: batch.queue });
    batch.retryAll();
    return;
  }
  await consume(batch, env, ctx);
}
