/**
 * Anthropic Claude through the official `@anthropic-ai/sdk` (Messages API). Claude has no JSON
 * mode, so JSON output is asked for in the system prompt and validated by the gateway.
 */
import type Anthropic from "@anthropic-ai/sdk";
import { sdkCallError } from "../classify";
import { ContentFilterError } from "../errors";
import { recordingFetch, type RecordingFetch } from "../recording-fetch";
import { cachedClient, sdkFetch, withCallFetch } from "../sdk-clients";
import type { ProviderAdapter, StreamChunk, TextCall, TextCompletion } from "../types";
import { jsonInstruction } from "../json-output";

export type AnthropicAdapterOptions = { apiKey?: string; baseURL?: string };

export class AnthropicAdapter implements ProviderAdapter {
  readonly name = "anthropic";
  readonly external = true;
  readonly defaultModel = "claude-sonnet-4-6";
  readonly models = ["claude-opus-4-8", "claude-sonnet-4-6", "claude-haiku-4-5"];
  readonly configured: boolean;

  constructor(private readonly options: AnthropicAdapterOptions) {
    this.configured = Boolean(options.apiKey);
  }

  // The SDK is imported on the first call, not with the module: evaluating it costs start-up
  // CPU in every isolate (the OpenAI SDK alone loads node:util), and most isolates never call
  // this provider (issue 16, docs/benchmarks.md "Cold start and bundle size").
  // One client per (key, base URL) per isolate (sdk-clients.ts); the call's fetch and signal
  // go with each request.
  private async client(): Promise<Anthropic> {
    const { default: Anthropic } = await import("@anthropic-ai/sdk");
    const { apiKey, baseURL } = this.options;
    return cachedClient(
      ["anthropic", apiKey, baseURL],
      () =>
        new Anthropic({
          apiKey: apiKey ?? null,
          baseURL: baseURL ?? null,
          maxRetries: 0,
          fetch: sdkFetch,
        }),
    );
  }

  private async withClient<T>(
    rec: RecordingFetch,
    request: (client: Anthropic) => PromiseLike<T>,
  ): Promise<T> {
    const client = await this.client();
    return withCallFetch(rec.fetch, () => request(client));
  }

  private params(call: TextCall) {
    const system = [call.system, call.json ? jsonInstruction(call.jsonSchema) : undefined]
      .filter(Boolean)
      .join("\n\n");
    return {
      model: call.model,
      max_tokens: call.maxTokens,
      messages: call.messages.map((m) => ({ role: m.role, content: m.content })),
      ...(system ? { system } : {}),
      ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
    };
  }

  async generateText(call: TextCall): Promise<TextCompletion> {
    const rec = recordingFetch(call.traceId);
    try {
      const res = await this.withClient(rec, (c) =>
        c.messages.create(this.params(call), { signal: call.signal }),
      );
      if (res.stop_reason === "refusal") {
        throw new ContentFilterError("anthropic refused the request", {
          provider: "anthropic",
          model: call.model,
        });
      }
      const text = res.content.map((block) => (block.type === "text" ? block.text : "")).join("");
      return {
        text,
        model: res.model || call.model,
        tokensIn: res.usage.input_tokens,
        tokensOut: res.usage.output_tokens,
      };
    } catch (err) {
      throw sdkCallError(err, "anthropic", call, rec);
    }
  }

  async *streamText(call: TextCall): AsyncIterable<StreamChunk> {
    const rec = recordingFetch(call.traceId);
    try {
      const stream = await this.withClient(rec, (c) =>
        c.messages.create({ ...this.params(call), stream: true }, { signal: call.signal }),
      );
      let tokensIn = 0;
      for await (const event of stream) {
        if (event.type === "message_start") tokensIn = event.message.usage.input_tokens;
        else if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
          yield { type: "text", text: event.delta.text };
        } else if (event.type === "message_delta") {
          if (event.delta.stop_reason === "refusal") {
            throw new ContentFilterError("anthropic refused the request", {
              provider: "anthropic",
              model: call.model,
            });
          }
          yield { type: "usage", tokensIn, tokensOut: event.usage.output_tokens };
        }
      }
    } catch (err) {
      throw sdkCallError(err, "anthropic", call, rec);
    }
  }
}
