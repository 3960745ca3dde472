/**
 * The gateway's public function API for step handlers, the task consumer and the API routes.
 * See README.md in this folder.
 *
 * @example
 * const gateway = createGateway(env, { tenantId, apiKeyId, runId, nodeId, budget: { runUsd: 2 } });
 * const { json, usage } = await gateway.generateText({
 *   system: "Summarise.", messages: [{ role: "user", content: text }], schema: Summary, maxTokens: 800,
 * });
 */
import type { GatewayEnv } from "./config";
import { createContext, type GatewayOptions } from "./context";
import { generateImage, type ImageOutput, type ImageRequest } from "./generate-image";
import { generateText, type TextRequest, type TextResult } from "./generate-text";
import { streamText, type TextStream } from "./stream-text";

export type Gateway = {
  generateText<T = unknown>(req: TextRequest<T>): Promise<TextResult<T>>;
  streamText(req: Omit<TextRequest, "schema" | "cache">): Promise<TextStream>;
  generateImage(req: ImageRequest): Promise<ImageOutput>;
};

export function createGateway(env: GatewayEnv, options: GatewayOptions): Gateway {
  const ctx = createContext(env, options);
  return {
    generateText: (req) => generateText(ctx, req),
    streamText: (req) => streamText(ctx, req),
    generateImage: (req) => generateImage(ctx, req),
  };
}

export type { GatewayOptions } from "./context";
export type { TextRequest, TextResult } from "./generate-text";
export type { CallUsage, Usage } from "./types";
export type { TextStream } from "./stream-text";
export type { ImageRequest, ImageOutput } from "./generate-image";
export * from "./errors";
