/**
 * Typed steps: every handler of every pipeline declares the zod schemas of its input and its
 * output. `runStep` (called by the queue consumer) enforces them at the three places where data
 * crosses from storage into code:
 *
 * - the node's stored input is parsed before the handler runs;
 * - the handler's output is parsed before it is stored (the parsed value — defaults applied,
 *   unknown keys stripped — is what the run keeps);
 * - a dependency's output is parsed with the schema of the step that produced it: a handler
 *   names that step's definition (`ctx.outputOf(structureStep, nodeId)`), never a type.
 *
 * A parse failure is a StepContractError, a FatalStepError: stored data that does not fit will
 * not fit on the next attempt either, so it fails the node at once with the field paths.
 */
import type { z } from "zod";
import { FatalStepError, type StepContext, type StepResult } from "../engine/types";
import type { FieldIssue, PreviewAt, ReviewView } from "../engine/step-catalog";

/** What a typed handler sees: the engine's context with a parsed input and typed reads. */
export type TypedStepContext<Input, Output = unknown> = Omit<
  StepContext,
  "node" | "readOutput" | "readRevisedOutput"
> & {
  node: Omit<StepContext["node"], "input"> & { input: Input };
  /**
   * In a revision (`node.feedback` set), this step's output before it — the version being
   * revised — parsed with the step's own schema; null on a first run. Lets a step redo one part
   * (one panel, one page) and keep the rest.
   */
  revisedOutput(): Promise<Output | null>;
  /** The current output of `nodeId`, parsed with the output schema of `producer`, the step that made it. */
  outputOf<Output extends z.ZodType>(producer: { output: Output }, nodeId: string): Promise<z.output<Output>>;
};

export type TypedStepResult<Output> = Omit<StepResult, "output"> & { output: Output };

export type StepDefinition<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> = {
  input: Input;
  output: Output;
  run(ctx: TypedStepContext<z.output<Input>, z.output<Output>>): Promise<TypedStepResult<z.input<Output>>>;
  /**
   * What a skipped phase's output becomes: made deterministically from the run's input and the
   * earlier outputs, without a provider call. A reviewer's `skip` re-runs the node with this
   * (a new version noted "skipped") and later steps run on it. Without one, `skip` keeps the
   * current output.
   */
  fallback?(
    ctx: TypedStepContext<z.output<Input>, z.output<Output>>,
  ): Promise<TypedStepResult<z.input<Output>>>;
  /** What a reviewer sees of this step's output at its gate (images as URLs); default: the output. */
  preview?(output: z.output<Output>, at: PreviewAt): ReviewView;
  /**
   * How the agent's critic judges this step's output at a gate (auto and hybrid modes; see
   * critic/): `rubric`, what a good output is; `check`, rule problems as sentences (`[]` if none).
   */
  review?: StepReview<z.output<Output>>;
};

export type StepReview<Output> = { rubric?: string; check?(output: Output): string[] };

/** Any step of any pipeline, as registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- run's context varies per step
export type AnyStepDefinition = StepDefinition<any, any>;

/**
 * @example
 * export const articleStep = defineStep({
 *   input: unitStepInputSchema,
 *   output: fileOutputSchema,
 *   async run(ctx) { const analysis = await ctx.outputOf(structureStep, id); … },
 * });
 */
export function defineStep<Input extends z.ZodType, Output extends z.ZodType>(
  step: StepDefinition<Input, Output>,
): StepDefinition<Input, Output> {
  return step;
}

/** Stored data that does not match a step's schema: never retried, the paths in the message. */
export class StepContractError extends FatalStepError {
  constructor(
    readonly what: string,
    readonly issues: FieldIssue[],
  ) {
    super(`${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
}

/** zod issues as field paths (the same shape the API answers `validation_failed` with). */
export function fieldIssues(error: { issues: readonly z.core.$ZodIssue[] }): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
    code: issue.code,
  }));
}

/** Runs `step` for one node: parse the input, run, parse the output. */
export async function runStep(step: AnyStepDefinition, ctx: StepContext): Promise<StepResult> {
  const input = step.input.safeParse(ctx.node.input);
  if (!input.success) {
    throw new StepContractError(
      `input of "${ctx.node.id}" does not match step "${ctx.node.handler}"`,
      fieldIssues(input.error),
    );
  }
  const { readOutput, readRevisedOutput, node, ...rest } = ctx;
  const typed: TypedStepContext<unknown> = {
    ...rest,
    node: { ...node, input: input.data },
    async revisedOutput() {
      const before = await readRevisedOutput();
      if (before === null || before === undefined) return null;
      // An earlier version that no longer fits the schema is not a base to build on: start fresh.
      const parsed = step.output.safeParse(before);
      return parsed.success ? parsed.data : null;
    },
    async outputOf(producer, nodeId) {
      const parsed = producer.output.safeParse(await readOutput(nodeId));
      if (!parsed.success) {
        throw new StepContractError(
          `output of "${nodeId}" does not match the schema of the step that produced it`,
          fieldIssues(parsed.error),
        );
      }
      return parsed.data;
    },
  };
  if (ctx.node.fallback && !step.fallback) {
    throw new FatalStepError(`step "${ctx.node.handler}" has no fallback to skip to`);
  }
  const result = ctx.node.fallback && step.fallback ? await step.fallback(typed) : await step.run(typed);
  const output = step.output.safeParse(result.output);
  if (!output.success) {
    throw new StepContractError(
      `output of "${ctx.node.id}" does not match step "${ctx.node.handler}"`,
      fieldIssues(output.error),
    );
  }
  return { ...result, output: output.data };
}
