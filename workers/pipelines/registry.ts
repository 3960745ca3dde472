import { bookPipeline } from "./book/pipeline";
import { CRITIC_HANDLER } from "./critic/critic-schema";
import { makeCriticStep } from "./critic/critic-step";
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

/**
 * Steps every pipeline has: the agent's critic, which answers review gates in auto and hybrid
 * modes (critic/). It finds the reviewed step through the pipelines' own handlers.
 */
const sharedHandlers = {
  [CRITIC_HANDLER]: makeCriticStep((pipeline, handler) => {
    const steps = Object.hasOwn(pipelines, pipeline) ? pipelines[pipeline]!.handlers : undefined;
    return steps && Object.hasOwn(steps, handler) ? steps[handler] : undefined;
  }),
};

const withShared = new Map<string, Pipeline<unknown>>(
  Object.entries(pipelines).map(([name, p]) => [
    name,
    { ...(p as Pipeline<unknown>), handlers: { ...p.handlers, ...sharedHandlers } },
  ]),
);

/** The pipeline named `name` if this deployment offers it (synthetic ones only when enabled). */
export function findPipeline(env: Env, name: string): Pipeline<unknown> | undefined {
  const pipeline = withShared.get(name);
  if (!pipeline) return undefined;
  if (pipeline.synthetic && env.ENABLE_SYNTHETIC_PIPELINES !== "true") return undefined;
  return pipeline;
}

export function pipelineNames(env: Env): string[] {
  return Object.keys(pipelines).filter((name) => findPipeline(env, name));
}
