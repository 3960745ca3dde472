/**
 * Runs one step's handler and turns whatever happens into a StepOutcome for the run. The lease
 * deadline is also the step's timeout: past it the run hands the step to someone else, so this
 * attempt is aborted. Large outputs go to R2 here, so the run only ever stores a reference.
 */
import {
  FatalStepError,
  RetryableStepError,
  type Assignment,
  type StepContext,
  type StepOutcome,
} from "../engine/types";
import { openDb } from "../db/client";
import { INLINE_OUTPUT_LIMIT_BYTES } from "../engine/output-limits";
import { recordArtifacts } from "../engine/artifacts";
import { findPipeline } from "../pipelines/registry";
import type { WorkflowRunApi } from "../engine/run-stub";

export function outputKey(runId: string, nodeId: string, version: number): string {
  return `runs/${runId}/nodes/${nodeId}/v${version}.json`;
}

export async function executeStep(
  env: Env,
  run: WorkflowRunApi,
  assignment: Assignment,
): Promise<StepOutcome> {
  const started = Date.now();
  const durationMs = () => Date.now() - started;
  const handler = findPipeline(env, assignment.pipeline)?.handlers[assignment.handler];
  if (!handler) {
    return { ok: false, error: `unknown handler "${assignment.handler}"`, retryable: false, durationMs: 0 };
  }
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error("step deadline (lease) passed")),
    Math.max(0, assignment.leaseUntil - Date.now()),
  );
  const ctx: StepContext = {
    env,
    run: {
      id: assignment.runId,
      tenantId: assignment.tenantId,
      pipeline: assignment.pipeline,
      options: assignment.options,
    },
    node: {
      id: assignment.nodeId,
      handler: assignment.handler,
      input: assignment.input,
      attempt: assignment.attempt,
      version: assignment.version,
      ...(assignment.feedback ? { feedback: assignment.feedback } : {}),
    },
    readOutput: (nodeId) => readOutput(env, run, nodeId),
    signal: controller.signal,
  };
  try {
    const result = await handler(ctx);
    const json = JSON.stringify(result.output ?? null);
    const base = {
      ok: true as const,
      durationMs: durationMs(),
      ...(result.spawn ? { spawn: result.spawn } : {}),
      ...(result.usage ? { usage: result.usage } : {}),
      ...(result.artifacts?.length ? { artifacts: result.artifacts } : {}),
    };
    if (result.artifacts?.length) {
      await recordArtifacts(
        openDb(env.DB),
        { id: assignment.runId, tenantId: assignment.tenantId },
        assignment.nodeId,
        result.artifacts,
      );
    }
    if (json.length <= INLINE_OUTPUT_LIMIT_BYTES) return { ...base, output: result.output ?? null };
    const key = outputKey(assignment.runId, assignment.nodeId, assignment.version);
    await env.BUCKET.put(key, json, { httpMetadata: { contentType: "application/json" } });
    return { ...base, outputRef: key };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof FatalStepError)
      return { ok: false, error: message, retryable: false, durationMs: durationMs() };
    if (err instanceof RetryableStepError) {
      return {
        ok: false,
        error: message,
        retryable: true,
        durationMs: durationMs(),
        ...(err.retryAfterMs ? { retryAfterMs: err.retryAfterMs } : {}),
      };
    }
    // Anything else (a timeout, a network error, a bug) may be transient: the run's attempt
    // limit decides when to give up.
    return {
      ok: false,
      error: controller.signal.aborted ? `timeout: ${message}` : message,
      retryable: true,
      durationMs: durationMs(),
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function readOutput(env: Env, run: WorkflowRunApi, nodeId: string): Promise<unknown> {
  const result = await run.readOutput(nodeId);
  if (!result.ok) throw new FatalStepError(result.error.message);
  if (!result.value.outputRef) return result.value.output;
  const object = await env.BUCKET.get(result.value.outputRef);
  if (!object) throw new RetryableStepError(`output of "${nodeId}" is missing from storage`);
  return JSON.parse(await object.text());
}
