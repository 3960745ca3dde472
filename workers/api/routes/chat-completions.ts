/**
 * POST /v1/chat/completions — OpenAI-compatible, routed through the gateway ("auto" or
 * "provider/model"). `stream: true` answers OpenAI-style SSE chunks; the stream starts only once
 * a provider has produced its first token, so a failure before that falls over to the next
 * provider or ends as an ordinary JSON error. JSON mode (`json_object`) and `json_schema` are
 * validated (one repair attempt). Headers: `x-tsumugi-cache: bypass` (or Cache-Control:
 * no-cache) skips the cache, `x-tsumugi-redact: off` turns PII redaction off.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { chatCompletionSchema } from "../../protocol/openai";
import { createGateway, type Gateway } from "../../providers/gateway";
import {
  chatCompletionRequest,
  chunkBody,
  completionBody,
  toGatewayMessages,
  usageChunkBody,
  type ChatCompletionRequest,
} from "../../providers/openai-compat";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { keyRateLimit } from "../middleware/key-rate-limit";
import { apiRouter, bearer, errors, jsonBody } from "../openapi";

function gatewayFor(c: Context<AppEnv>): Gateway {
  const auth = c.get("auth");
  return createGateway(c.env, {
    tenantId: auth.tenantId,
    apiKeyId: auth.apiKeyId,
    redact: c.req.header("x-tsumugi-redact") !== "off",
    // A direct caller gets an answer or an error now; waiting for tokens is for pipeline steps.
    waitForRateLimit: false,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
    traceId: c.get("traceId"),
  });
}

function schemaOf(req: ChatCompletionRequest): z.ZodType | undefined {
  if (req.response_format?.type !== "json_schema" || !req.response_format.json_schema.schema)
    return undefined;
  try {
    return z.fromJSONSchema(req.response_format.json_schema.schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    throw new ApiError(
      400,
      "validation_failed",
      "response_format.json_schema.schema is not a usable JSON Schema",
      {
        issues: [
          { path: "response_format.json_schema.schema", message: String(err), code: "invalid_schema" },
        ],
      },
    );
  }
}

const encoder = new TextEncoder();
const sse = (data: unknown) =>
  encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);

async function streamResponse(
  c: Context<AppEnv>,
  gateway: Gateway,
  req: ChatCompletionRequest,
): Promise<Response> {
  const { system, messages, maxTokens } = toGatewayMessages(req);
  const stream = await gateway.streamText({
    system,
    messages,
    maxTokens,
    temperature: req.temperature ?? undefined,
    json: req.response_format?.type === "json_object" || req.response_format?.type === "json_schema",
    model: req.model,
  });
  const id = `chatcmpl-${crypto.randomUUID()}`;
  const model = `${stream.provider}/${stream.model}`;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(sse(chunkBody(id, model, { role: "assistant", content: "" }, null)));
      try {
        for await (const text of stream.chunks)
          controller.enqueue(sse(chunkBody(id, model, { content: text }, null)));
        controller.enqueue(sse(chunkBody(id, model, {}, "stop")));
        if (req.stream_options?.include_usage)
          controller.enqueue(sse(usageChunkBody(id, model, await stream.usage)));
      } catch (err) {
        // Headers are sent: the failure can only be reported inside the stream.
        const message = err instanceof Error ? err.message : String(err);
        controller.enqueue(sse({ error: { code: "stream_interrupted", message } }));
      }
      controller.enqueue(sse("[DONE]"));
      controller.close();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache",
      "X-Tsumugi-Provider": stream.provider,
    },
  });
}

const route = createRoute({
  method: "post",
  path: "/",
  tags: ["OpenAI-compatible"],
  summary: "Chat completions in OpenAI's wire format, routed through the gateway",
  description:
    "`model` is `auto` (the router's chain) or `provider/model`. `stream: true` answers OpenAI-style " +
    "SSE chunks. Headers: `x-tsumugi-cache: bypass` skips the cache, `x-tsumugi-redact: off` turns " +
    "PII redaction off.",
  security: bearer,
  middleware: [keyRateLimit] as const,
  request: { body: jsonBody(chatCompletionRequest) },
  responses: {
    200: {
      description: "A completion, or with `stream: true` a stream of chunks ending in `data: [DONE]`",
      content: {
        "application/json": { schema: chatCompletionSchema },
        "text/event-stream": { schema: { type: "string" as const } },
      },
    },
    ...errors(400, 401, 402, 422, 429, 502, 503, 504),
  },
});

// Gateway errors are thrown as they are: the API's onError maps them (api/gateway-errors.ts).
export const chatCompletionRoutes = apiRouter().openapi(route, async (c) => {
  const req = c.req.valid("json");
  const gateway = gatewayFor(c);
  if (req.stream) return streamResponse(c, gateway, req);
  const { system, messages, maxTokens } = toGatewayMessages(req);
  const schema = schemaOf(req);
  const bypass =
    c.req.header("x-tsumugi-cache") === "bypass" ||
    /no-cache|no-store/.test(c.req.header("Cache-Control") ?? "");
  const out = await gateway.generateText({
    system,
    messages,
    maxTokens,
    temperature: req.temperature ?? undefined,
    schema,
    json: req.response_format?.type === "json_object",
    model: req.model,
    cache: !bypass,
  });
  c.header("X-Tsumugi-Provider", out.provider);
  c.header("X-Tsumugi-Cache", out.usage.cached ? "hit" : "miss");
  const content = out.json !== undefined ? JSON.stringify(out.json) : out.text;
  return c.json(
    completionBody(`chatcmpl-${crypto.randomUUID()}`, `${out.provider}/${out.model}`, content, out.usage, {
      tsumugi: {
        provider: out.provider,
        cached: out.usage.cached,
        cost_usd: out.usage.costUsd,
        redactions: out.redactions,
      },
    }),
    200,
  );
});
