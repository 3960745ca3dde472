/**
 * The Worker entry: HTTP (Hono) and, later, the queue consumers. Durable Object classes are
 * exported from here because wrangler binds them by the main module's exports.
 */
import { createApp } from "./app";

export { WorkflowRun } from "../durable-objects/workflow-run";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
