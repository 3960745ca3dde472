/**
 * The manga steps' provider calls: structured text and images through the gateway (router,
 * retries, cache, budgets, usage), with gateway failures turned into the engine's retry
 * vocabulary. Text calls carry the deterministic answer the offline provider gives; image calls
 * carry a structured hint the offline provider draws as procedural art.
 */
import type { z } from "zod";
import type { StepUsage } from "../../engine/types";
import { createGateway, type Gateway } from "../../providers/gateway";
import type { ImageHint } from "../../providers/types";
import type { TypedStepContext } from "../define-step";
import { runSpending } from "../run-spending";
import { asStepError } from "../gateway-step-errors";
import type { RenderedMangaPrompt } from "./prompts";
import { stepUsageOf } from "../step-usage";
import { formatProvenance, provenanceOf } from "../prompt-set";

type Ctx = TypedStepContext<unknown, unknown>;

export function gatewayFor(ctx: Ctx): Gateway {
  return createGateway(ctx.env, {
    tenantId: ctx.run.tenantId,
    runId: ctx.run.id,
    nodeId: ctx.node.id,
    ...runSpending(ctx.run),
    ...(ctx.run.options.providers ? { providers: ctx.run.options.providers } : {}),
  });
}

export type Structured<T> = { value: T; usage: StepUsage; promptVersion: string };

export async function generateStructured<T>(
  ctx: Ctx,
  prompt: RenderedMangaPrompt,
  schema: z.ZodType<T>,
  offlineAnswer: T,
  maxTokens = 4_000,
): Promise<Structured<T>> {
  const feedback = ctx.node.feedback
    ? [{ role: "user" as const, content: `Reviewer feedback to apply: ${ctx.node.feedback}` }]
    : [];
  try {
    const out = await gatewayFor(ctx).generateText({
      system: prompt.system,
      messages: [{ role: "user", content: prompt.message }, ...feedback],
      schema,
      maxTokens,
      temperature: 0.4,
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

export type GeneratedImage = { bytes: Uint8Array; provider: string; model: string; costUsd: number };

export async function generateImage(
  gateway: Gateway,
  prompt: string,
  width: number,
  height: number,
  hint: ImageHint,
): Promise<GeneratedImage> {
  try {
    const out = await gateway.generateImage({ prompt, width, height, hint });
    return { bytes: out.bytes, provider: out.provider, model: out.model, costUsd: out.usage.costUsd };
  } catch (err) {
    throw asStepError(err);
  }
}
