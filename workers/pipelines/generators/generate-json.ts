/**
 * One structured call through the gateway (router, retries, cache, budgets, usage) for the page
 * and program pipelines: a rendered template, any reviewer feedback, any further turns (a fix
 * round's test output), and the deterministic answer the offline provider gives. Gateway
 * failures become the engine's retry vocabulary.
 */
import type { z } from "zod";
import type { StepUsage } from "../../engine/types";
import { createGateway } from "../../providers/gateway";
import type { TypedStepContext } from "../define-step";
import { asStepError } from "../gateway-step-errors";
import type { RenderedPrompt } from "./prompts";
import { stepUsageOf } from "../step-usage";
import { formatProvenance, provenanceOf } from "../prompt-set";

type Ctx = TypedStepContext<unknown, unknown>;

export type Generated<T> = { value: T; usage: StepUsage; promptVersion: string };

export async function generateJson<T>(
  ctx: Ctx,
  prompt: RenderedPrompt,
  schema: z.ZodType<T>,
  offlineAnswer: T,
  more: { followUp?: string; maxTokens?: number } = {},
): Promise<Generated<T>> {
  const gateway = createGateway(ctx.env, {
    tenantId: ctx.run.tenantId,
    runId: ctx.run.id,
    nodeId: ctx.node.id,
    ...(ctx.run.options.providers ? { providers: ctx.run.options.providers } : {}),
  });
  const messages = [{ role: "user" as const, content: prompt.message }];
  if (ctx.node.feedback)
    messages.push({ role: "user", content: `Reviewer feedback to apply: ${ctx.node.feedback}` });
  if (more.followUp) messages.push({ role: "user", content: more.followUp });
  try {
    const out = await gateway.generateText({
      system: prompt.system,
      messages,
      schema,
      maxTokens: more.maxTokens ?? 8_000,
      temperature: 0.2,
      offlineAnswer,
    });
    return {
      value: out.json as T,
      promptVersion: formatProvenance(prompt),
      usage: { ...stepUsageOf(out), prompt: provenanceOf(prompt) },
    };
  } catch (err) {
    throw asStepError(err);
  }
}

/** Usage of several calls in one step, summed (the provider and model of the last call). */
export function sumUsage(all: StepUsage[]): StepUsage {
  const total: StepUsage = { costUsd: 0, tokensIn: 0, tokensOut: 0 };
  for (const u of all) {
    total.costUsd = (total.costUsd ?? 0) + (u.costUsd ?? 0);
    total.tokensIn = (total.tokensIn ?? 0) + (u.tokensIn ?? 0);
    total.tokensOut = (total.tokensOut ?? 0) + (u.tokensOut ?? 0);
    if (u.provider) total.provider = u.provider;
    if (u.model) total.model = u.model;
    if (u.prompt) total.prompt = u.prompt;
  }
  return total;
}
