/**
 * A typed handle on a run's Durable Object. workers-types maps RPC results through its
 * `Serializable` type, which turns fields typed `unknown` (step inputs and outputs are arbitrary
 * JSON) into `never`; this declares the same methods with their real types instead.
 */
import type { WorkflowRun } from "../../durable-objects/workflow-run";

type RpcMethods =
  | "create"
  | "control"
  | "destroy"
  | "claim"
  | "complete"
  | "completeMany"
  | "readOutput"
  | "review"
  | "summary"
  | "describe"
  | "nodes"
  | "node"
  | "issueTicket"
  | "redeemTicket"
  | "revokeKey";

export type WorkflowRunApi = {
  [K in RpcMethods]: WorkflowRun[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
} & { fetch(request: Request): Promise<Response> };

export function runStub(env: Env, runId: string): WorkflowRunApi {
  return env.WORKFLOW_RUN.getByName(runId) as unknown as WorkflowRunApi;
}
