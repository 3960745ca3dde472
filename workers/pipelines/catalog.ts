/**
 * The pipelines as the engine sees them (engine/step-catalog.ts): which handlers a run's
 * pipeline has, and each step's output schema for checking a reviewer's `edit`. The Worker
 * entry hands this to the WorkflowRun object, so the object never imports pipelines.
 */
import type { OutputCheck, StepCatalog } from "../engine/step-catalog";
import { fieldIssues, type AnyStepDefinition } from "./define-step";
import { findPipeline } from "./registry";

export function pipelineCatalog(env: Env): StepCatalog {
  const stepOf = (pipeline: string, handler: string): AnyStepDefinition | undefined => {
    const steps = findPipeline(env, pipeline)?.handlers;
    // Own keys only: "constructor" or "toString" name no step.
    return steps && Object.hasOwn(steps, handler) ? steps[handler] : undefined;
  };
  return {
    hasHandler: (pipeline, handler) => stepOf(pipeline, handler) !== undefined,
    hasFallback: (pipeline, handler) => stepOf(pipeline, handler)?.fallback !== undefined,
    checkOutput(pipeline, handler, output): OutputCheck {
      const step = stepOf(pipeline, handler);
      if (!step)
        return { ok: false, issues: [{ path: "(root)", message: `no step "${handler}" in "${pipeline}"` }] };
      const parsed = step.output.safeParse(output);
      return parsed.success
        ? { ok: true, output: parsed.data }
        : { ok: false, issues: fieldIssues(parsed.error) };
    },
    preview(pipeline, handler, output, at) {
      const step = stepOf(pipeline, handler);
      if (!step?.preview) return null;
      const parsed = step.output.safeParse(output);
      return parsed.success ? step.preview(parsed.data, at) : null;
    },
  };
}
