/**
 * The pipelines as the engine sees them (a StepCatalog): which handlers a run's pipeline has and
 * what their outputs must look like. The Worker entry hands this to the run object.
 */
import type { StepCatalog } from "../engine/step-catalog";
import { findPipeline } from "./registry";

export function pipelineCatalog(env: Env): StepCatalog {
  return {
    hasHandler: (pipeline, handler) => {
      const found = findPipeline(env, pipeline);
      return !!found && Object.hasOwn(found.handlers, handler);
    },
    // Output schemas arrive with typed steps; until then an edit is stored as given.
    checkOutput: (_pipeline, _handler, output) => ({ ok: true, output }),
  };
}
