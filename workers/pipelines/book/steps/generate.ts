/**
 * One generator call of a book step: render the versioned prompt, call the gateway (which picks
 * the provider, retries, caches, accounts), and translate gateway failures into the engine's
 * retry vocabulary. Returns the answer with what to record beside it (prompt version, provider,
 * model, usage).
 */
import type { z } from "zod";
import type { StepUsage } from "../../../engine/types";
import { createGateway } from "../../../providers/gateway";
import { runSpending } from "../../run-spending";
import { asStepError } from "../../gateway-step-errors";
import type { BookPromptVariables } from "../prompt-variables";
import type { BookStepContext } from "./step-io";
import { renderBookPrompt, type BookGenerator } from "../prompts";
import { stepUsageOf } from "../../step-usage";
import { promptPick, type PromptProvenance } from "../../prompt-set";

export type Generated<T> = {
  value: T;
  text: string;
  promptId: string;
  promptVersion: string;
  /** Template, version and variant, as the step and its files record them. */
  prompt: PromptProvenance;
  provider: string;
  model: string;
  usage: StepUsage;
};

export async function generate<G extends BookGenerator, T = string>(
  ctx: BookStepContext,
  generator: G,
  variables: BookPromptVariables[G],
  options: { schema?: z.ZodType<T>; maxTokens?: number } = {},
): Promise<Generated<T>> {
  const prompt = renderBookPrompt(generator, variables, promptPick(ctx));
  const gateway = createGateway(ctx.env, {
    tenantId: ctx.run.tenantId,
    runId: ctx.run.id,
    nodeId: ctx.node.id,
    ...runSpending(ctx.run),
    ...(ctx.run.options.providers ? { providers: ctx.run.options.providers } : {}),
  });
  const feedback = ctx.node.feedback
    ? [{ role: "user" as const, content: `Reviewer feedback to apply: ${ctx.node.feedback}` }]
    : [];
  try {
    const out = await gateway.generateText({
      system: prompt.system,
      messages: [...prompt.messages, ...feedback],
      ...(options.schema ? { schema: options.schema } : {}),
      maxTokens: options.maxTokens ?? 2_000,
      temperature: 0.3,
    });
    return {
      value: (options.schema ? out.json : out.text) as T,
      text: out.text,
      promptId: prompt.promptId,
      promptVersion: prompt.promptVersion,
      prompt: prompt.prompt,
      provider: out.provider,
      model: out.model,
      usage: { ...stepUsageOf(out), prompt: prompt.prompt },
    };
  } catch (err) {
    throw asStepError(err);
  }
}
