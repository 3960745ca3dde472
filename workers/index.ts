/**
 * The Worker entry: HTTP (Hono) and the queue consumers. Durable Object classes are exported
 * from here because wrangler binds them by the main module's exports.
 */
import { createApp } from "./app";
import { queueConsumers } from "./consumer/registry";

export { WorkflowRun } from "../durable-objects/workflow-run";
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
