/** A typed handle on a run's Durable Object, through the engine's RPC contract. */
import type { WorkflowRunRpc } from "./run-rpc";

export type WorkflowRunApi = WorkflowRunRpc & { fetch(request: Request): Promise<Response> };

export function runStub(env: Env, runId: string): WorkflowRunApi {
  return env.WORKFLOW_RUN.getByName(runId) as unknown as WorkflowRunApi;
}
