/**
 * Runs one claimed task through the gateway. Text results are stored in D1 with the task; images
 * go to R2 (`tasks/<tenant>/<id>`) and the task keeps the reference.
 */
import type { GatewayTaskRow } from "../../db/schema";
import type { GatewayEnv } from "../config";
import { createGateway } from "../gateway";
import type { ProviderName } from "../types";
import { imageTaskInput, textTaskInput } from "./schema";

/** How long one task may take, retries and rate-limit waits included. */
const TASK_DEADLINE_MS = 5 * 60_000;

export function taskImageKey(task: Pick<GatewayTaskRow, "tenantId" | "id">): string {
  return `tasks/${task.tenantId}/${task.id}`;
}

export async function runTask(
  env: GatewayEnv,
  task: GatewayTaskRow,
  ctx: ExecutionContext,
): Promise<Record<string, unknown>> {
  const gateway = createGateway(env, {
    tenantId: task.tenantId,
    apiKeyId: task.apiKeyId ?? undefined,
    traceId: task.traceId ?? undefined,
    nodeId: `task:${task.id}`,
    providers: (task.providers as ProviderName[] | null) ?? undefined,
    deadlineMs: TASK_DEADLINE_MS,
    waitForRateLimit: true,
    waitUntil: (p) => ctx.waitUntil(p),
  });
  if (task.kind === "image") {
    const input = imageTaskInput.parse(task.input);
    const image = await gateway.generateImage({
      prompt: input.prompt,
      width: input.width,
      height: input.height,
      model: input.model,
    });
    const key = taskImageKey(task);
    await env.BUCKET.put(key, image.bytes, { httpMetadata: { contentType: image.contentType } });
    return {
      provider: image.provider,
      model: image.model,
      r2Key: key,
      contentType: image.contentType,
      bytes: image.bytes.byteLength,
      costUsd: image.usage.costUsd,
    };
  }
  const input = textTaskInput.parse(task.input);
  const out = await gateway.generateText({
    system: input.system,
    messages: input.messages ?? [{ role: "user", content: input.prompt ?? "" }],
    maxTokens: input.maxTokens,
    temperature: input.temperature,
    json: input.json,
    model: input.model,
  });
  return {
    provider: out.provider,
    model: out.model,
    text: out.text,
    ...(out.json !== undefined ? { json: out.json } : {}),
    usage: {
      tokensIn: out.usage.tokensIn,
      tokensOut: out.usage.tokensOut,
      costUsd: out.usage.costUsd,
      cached: out.usage.cached,
    },
    redactions: out.redactions,
  };
}
