/**
 * The Worker entry: HTTP (Hono) and the queue consumers. Durable Object classes are exported
 * from here because wrangler binds them by the main module's exports.
 */
import { WorkflowRunObject } from "../durable-objects/workflow-run";
import { createApp } from "./app";
import { queueConsumers } from "./consumer/registry";
import type { StepCatalog } from "./engine/step-catalog";
import { pipelineCatalog } from "./pipelines/catalog";

/** The run object, given the pipelines here: the entry is the one module that knows both. */
export class WorkflowRun extends WorkflowRunObject {
  protected override catalog(): StepCatalog {
    return pipelineCatalog(this.env);
  }
}
export { ProviderGuard } from "../durable-objects/provider-guard";
export { BudgetLedger } from "../durable-objects/budget-ledger";
export { TaskEvents } from "../durable-objects/task-events";

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env, ctx) {
    const consume = queueConsumers[batch.queue];
    if (!consume) {
      // A queue bound to this Worker without a consumer here is a deployment mistake; retrying
      // would only loop, so the messages go to that queue's dead-letter queue (if any) via retry.
      console.error(JSON.stringify({ level: "error", msg: "no consumer for queue", queue: batch.queue }));
      batch.retryAll();
      return;
    }
    await consume(batch, env, ctx);
  },
} satisfies ExportedHandler<Env>;
