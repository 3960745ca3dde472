/**
 * The critic: the agent's reviewer of a gate in `auto` and `hybrid` modes. The run object adds a
 * `critic` node when a gate opens (any pipeline: registry.ts gives every pipeline this handler);
 * it reads the reviewed output, checks it against the reviewed step's output schema and its
 * rules (`review.check`), then asks a model through the gateway (prompts/critic/, with A/B
 * variants) for `{ verdict, confidence, feedback }`. Failed checks force `revise` whatever the
 * model says. The offline provider answers from the checks alone — approve (0.9) when they pass,
 * revise (0.35) with their problems otherwise — so offline runs are deterministic and finish.
 */
import { z } from "zod";
import { createGateway } from "../../providers/gateway";
import { defineStep, fieldIssues, type AnyStepDefinition } from "../define-step";
import { asStepError } from "../gateway-step-errors";
import { criticPrompts } from "./critic-prompts";
import { promptPick, renderPick } from "../prompt-set";
import {
  criticInputSchema,
  criticOutputSchema,
  criticVerdictSchema,
  type CriticVerdict,
} from "./critic-schema";

/** The reviewed output shown to the model, at most this many characters of JSON. */
const OUTPUT_SHOWN_CHARS = 12_000;
const OFFLINE_APPROVE_CONFIDENCE = 0.9;
const OFFLINE_REVISE_CONFIDENCE = 0.35;
const DEFAULT_RUBRIC = "complete, consistent with its input and earlier phases, and ready for the next phase";

/** Reads stored outputs as they are: the critic judges whether they fit, it must not fail on it. */
const anyOutput = { output: z.unknown() };

/** Finds the step a pipeline runs under `handler` (registry.ts supplies it; no import cycle). */
export type StepLookup = (pipeline: string, handler: string) => AnyStepDefinition | undefined;

/** Schema and rule problems of `output` for the step that made it, as sentences. */
export function checkProblems(step: AnyStepDefinition | undefined, output: unknown): string[] {
  if (!step) return [];
  const parsed = step.output.safeParse(output);
  if (!parsed.success) {
    return fieldIssues(parsed.error).map(
      (i) => `The output does not match its schema at ${i.path}: ${i.message}.`,
    );
  }
  try {
    return step.review?.check?.(parsed.data) ?? [];
  } catch (err) {
    // A rule that throws is a bug in the rule, not a verdict on the output: say so, judge on.
    return [`A rule check could not run: ${err instanceof Error ? err.message : String(err)}.`];
  }
}

export function offlineVerdict(problems: string[]): CriticVerdict {
  return problems.length > 0
    ? {
        verdict: "revise",
        confidence: OFFLINE_REVISE_CONFIDENCE,
        feedback: problems.join(" ").slice(0, 4_000),
      }
    : {
        verdict: "approve",
        confidence: OFFLINE_APPROVE_CONFIDENCE,
        feedback: "The schema and rule checks pass (offline critic: no model read the content).",
      };
}

export function makeCriticStep(lookup: StepLookup) {
  return defineStep({
    input: criticInputSchema,
    output: criticOutputSchema,
    async run(ctx) {
      const input = ctx.node.input;
      const step = lookup(ctx.run.pipeline, input.handler);
      const output = await ctx.outputOf(anyOutput, input.reviews);
      const problems = checkProblems(step, output);
      const shown = JSON.stringify(output, null, 1) ?? "null";
      const prompt = renderPick(criticPrompts, promptPick(ctx), {
        phase: input.phase,
        handler: input.handler,
        version: input.version,
        round: input.round,
        rubric: step?.review?.rubric ?? DEFAULT_RUBRIC,
        problems: problems.length > 0 ? problems.map((p) => `- ${p}`).join("\n") : "- none",
        output: shown.length > OUTPUT_SHOWN_CHARS ? `${shown.slice(0, OUTPUT_SHOWN_CHARS)}\n…(cut)` : shown,
      });
      let answer;
      try {
        answer = await createGateway(ctx.env, {
          tenantId: ctx.run.tenantId,
          runId: ctx.run.id,
          nodeId: ctx.node.id,
          ...(ctx.run.options.providers ? { providers: ctx.run.options.providers } : {}),
        }).generateText({
          system: prompt.system,
          messages: [{ role: "user", content: prompt.message }],
          schema: criticVerdictSchema,
          maxTokens: 1_000,
          temperature: 0,
          offlineAnswer: offlineVerdict(problems),
        });
      } catch (err) {
        throw asStepError(err);
      }
      const said = answer.json as CriticVerdict;
      const verdict: CriticVerdict =
        problems.length > 0 && said.verdict === "approve"
          ? { verdict: "revise", confidence: said.confidence, feedback: problems.join(" ").slice(0, 4_000) }
          : said;
      return {
        output: {
          ...verdict,
          problems,
          version: input.version,
          prompt: { template: prompt.template, version: prompt.version, variant: prompt.variant },
        },
        usage: {
          costUsd: answer.usage.costUsd,
          tokensIn: answer.usage.tokensIn,
          tokensOut: answer.usage.tokensOut,
          provider: answer.provider,
          model: answer.model,
        },
      };
    },
  });
}
