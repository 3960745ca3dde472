/**
 * Runs one step's handler and turns whatever happens into a StepOutcome for the run. The lease
 * deadline is also the step's timeout: past it the run hands the step to someone else, so this
 * attempt is aborted. Large outputs go to R2 here, so the run only ever stores a reference.
 * The step's input and output schemas are enforced by `runStep` (pipelines/define-step.ts);
 * whether a failure is retried is the step-retry policy's call (engine/retry-policy.ts).
 */
import {
  BudgetExhaustedStepError,
  FatalStepError,
  RetryableStepError,
  type Assignment,
  type StepContext,
  type StepOutcome,
} from "../engine/types";
import { openDb } from "../db/client";
import { INLINE_OUTPUT_LIMIT_BYTES } from "../engine/output-limits";
import { recordArtifacts } from "../engine/artifacts";
import { isRetryableStepError } from "../engine/retry-policy";
import { runStep } from "../pipelines/define-step";
import { log } from "../observability/log";
import { runKeys } from "../storage/run-keys";
import { findPipeline } from "../pipelines/registry";
import type { WorkflowRunApi } from "../engine/run-stub";

export async function executeStep(
  env: Env,
  run: WorkflowRunApi,
  assignment: Assignment,
): Promise<StepOutcome> {
  const started = Date.now();
  const durationMs = () => Date.now() - started;
  const pipeline = findPipeline(env, assignment.pipeline);
  const step =
    pipeline && Object.hasOwn(pipeline.handlers, assignment.handler)
      ? pipeline.handlers[assignment.handler]
      : undefined;
  if (!step) {
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
      ...(assignment.apiKeyId ? { apiKeyId: assignment.apiKeyId } : {}),
      ...(assignment.traceId ? { traceId: assignment.traceId } : {}),
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
      ...(assignment.fallback ? { fallback: true } : {}),
    },
    readOutput: (nodeId) => {
      // Small dependency outputs came with the step (graph/dependency-outputs.ts): no RPC.
      const handed = assignment.dependencyOutputs;
      if (handed && Object.hasOwn(handed, nodeId)) return Promise.resolve(JSON.parse(handed[nodeId]!));
      return readOutput(env, run, nodeId);
    },
    readRevisedOutput: async () =>
      assignment.feedback && assignment.version > 1
        ? readOutput(env, run, assignment.nodeId, { revising: true })
        : null,
    signal: controller.signal,
  };
  try {
    // Input parsed before, output parsed after: a mismatch is a FatalStepError with field paths.
    const result = await runStep(step, ctx);
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
    const key = runKeys.nodeOutput(assignment.runId, assignment.nodeId, assignment.version);
    await env.BUCKET.put(key, json, { httpMetadata: { contentType: "application/json" } });
    return { ...base, outputRef: key };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof BudgetExhaustedStepError)
      return { ok: false, error: message, retryable: false, budgetExhausted: true, durationMs: durationMs() };
    const timedOut = controller.signal.aborted;
    // Which failures are retried is the step-retry policy's call (engine/retry-policy.ts).
    if (!isRetryableStepError(err, timedOut)) {
      if (err instanceof FatalStepError)
        return { ok: false, error: message, retryable: false, durationMs: durationMs() };
      // A handler bug or unparseable data: failed at once, and worth a look in the logs.
      const error = err instanceof Error ? `${err.name}: ${message}` : message;
      log.error("step failed with a non-retryable error", {
        runId: assignment.runId,
        nodeId: assignment.nodeId,
        tenantId: assignment.tenantId,
        handler: assignment.handler,
        error: err,
      });
      return { ok: false, error, retryable: false, durationMs: durationMs() };
    }
    return {
      ok: false,
      error: timedOut ? `timeout: ${message}` : message,
      retryable: true,
      durationMs: durationMs(),
      ...(err instanceof RetryableStepError && err.retryAfterMs ? { retryAfterMs: err.retryAfterMs } : {}),
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function readOutput(
  env: Env,
  run: WorkflowRunApi,
  nodeId: string,
  options?: { revising?: boolean },
): Promise<unknown> {
  const result = await run.readOutput(nodeId, options);
  if (!result.ok) throw new FatalStepError(result.error.message);
  if (!result.value.outputRef) return result.value.output;
  const object = await env.BUCKET.get(result.value.outputRef);
  if (!object) throw new RetryableStepError(`output of "${nodeId}" is missing from storage`);
  // Untyped here on purpose: the reading step parses it with the producing step's schema.
  return object.json<unknown>();
}
