/**
 * The OpenAI chat-completions wire format for /v1/chat/completions: the request schema (loose,
 * so parameters the official client may send but we ignore, such as `user` or `top_p`, pass) and
 * the response and SSE chunk builders.
 */
import { z } from "zod";
import type { ChatMessage } from "./types";

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant"]),
  content: z.union([z.string(), z.array(contentPart)]).nullable(),
});

export const chatCompletionRequest = z.looseObject({
  model: z.string().min(1).default("auto"),
  messages: z.array(message).min(1),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  response_format: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("text") }),
      z.object({ type: z.literal("json_object") }),
      z.object({
        type: z.literal("json_schema"),
        json_schema: z.looseObject({
          name: z.string(),
          schema: z.record(z.string(), z.unknown()).optional(),
        }),
      }),
    ])
    .optional(),
  n: z.literal(1).nullish(),
  // Tool calling is not routed; refusing it beats answering as if no tools had been offered.
  tools: z.array(z.unknown()).max(0, "tools are not supported by this gateway").optional(),
  functions: z.array(z.unknown()).max(0, "functions are not supported by this gateway").optional(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequest>;

const DEFAULT_MAX_TOKENS = 1024;

function textOf(content: z.infer<typeof message>["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => p.text ?? "").join("");
}

/** System and developer messages become the system prompt; the rest the conversation. */
export function toGatewayMessages(req: ChatCompletionRequest): {
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
} {
  const system = req.messages
    .filter((m) => m.role === "system" || m.role === "developer")
    .map((m) => textOf(m.content));
  const messages = req.messages
    .filter(
      (m): m is typeof m & { role: "user" | "assistant" } => m.role === "user" || m.role === "assistant",
    )
    .map((m) => ({ role: m.role, content: textOf(m.content) }));
  return {
    system: system.length ? system.join("\n\n") : undefined,
    messages,
    maxTokens: req.max_completion_tokens ?? req.max_tokens ?? DEFAULT_MAX_TOKENS,
  };
}

type UsageFigures = { tokensIn: number; tokensOut: number };

function usageBody(u: UsageFigures) {
  return {
    prompt_tokens: u.tokensIn,
    completion_tokens: u.tokensOut,
    total_tokens: u.tokensIn + u.tokensOut,
  };
}

export function completionBody(
  id: string,
  model: string,
  text: string,
  usage: UsageFigures,
  extra: Record<string, unknown>,
) {
  return {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text, refusal: null },
        finish_reason: "stop",
        logprobs: null,
      },
    ],
    usage: usageBody(usage),
    ...extra,
  };
}

export function chunkBody(id: string, model: string, delta: Record<string, unknown>, finish: string | null) {
  return {
    id,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  };
}

export function usageChunkBody(id: string, model: string, usage: UsageFigures) {
  return {
    id,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [],
    usage: usageBody(usage),
  };
}
