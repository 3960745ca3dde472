/**
 * WorkflowRun — one Durable Object per workflow run. It will own the run's task graph,
 * checkpoints, review gates and live sessions (see docs/architecture.md). The platform
 * skeleton only declares it so the binding and its SQLite migration exist from day one.
 */
import { Server } from "partyserver";

export class WorkflowRun extends Server<Env> {
  static override options = { hibernate: true };
}
