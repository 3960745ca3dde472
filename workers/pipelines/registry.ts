import { bookPipeline } from "./book/pipeline";
import { fanoutPipeline } from "./fanout";
import { mangaPipeline } from "./manga/pipeline";
import { phasesPipeline } from "./phases";
import { pagePipeline } from "./page/pipeline";
import { programPipeline } from "./program/pipeline";
import type { Pipeline } from "./types";

/** Every pipeline a run can name. */
const pipelines: Record<string, Pipeline<never>> = {
  [bookPipeline.name]: bookPipeline as Pipeline<never>,
  [mangaPipeline.name]: mangaPipeline as Pipeline<never>,
  [pagePipeline.name]: pagePipeline as Pipeline<never>,
  [programPipeline.name]: programPipeline as Pipeline<never>,
  [fanoutPipeline.name]: fanoutPipeline as Pipeline<never>,
  [phasesPipeline.name]: phasesPipeline as Pipeline<never>,
};

/** The pipeline named `name` if this deployment offers it (synthetic ones only when enabled). */
export function findPipeline(env: Env, name: string): Pipeline<unknown> | undefined {
  const pipeline = Object.hasOwn(pipelines, name) ? pipelines[name] : undefined;
  if (!pipeline) return undefined;
  if (pipeline.synthetic && env.ENABLE_SYNTHETIC_PIPELINES !== "true") return undefined;
  return pipeline as Pipeline<unknown>;
}

export function pipelineNames(env: Env): string[] {
  return Object.keys(pipelines).filter((name) => findPipeline(env, name));
}
