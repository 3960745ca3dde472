/**
 * OpenAI (and any OpenAI-compatible server: Ollama, vLLM, LM Studio, DeepSeek) through the
 * official `openai` SDK. SDK retries are off: the router owns retries, backoff and fallback.
 */
import type OpenAI from "openai";
import { sdkCallError } from "../classify";
import { ContentFilterError, ServerError } from "../errors";
import { recordingFetch, type RecordingFetch } from "../recording-fetch";
import { cachedClient, sdkFetch, withCallFetch } from "../sdk-clients";
import type {
  ImageCall,
  ImageResult,
  ProviderAdapter,
  StreamChunk,
  TextCall,
  TextCompletion,
} from "../types";

export type OpenAIAdapterOptions = { apiKey?: string; baseURL?: string };

function messagesOf(call: TextCall): OpenAI.Chat.ChatCompletionMessageParam[] {
  const out: OpenAI.Chat.ChatCompletionMessageParam[] = [];
  if (call.system) out.push({ role: "system", content: call.system });
  for (const m of call.messages) out.push({ role: m.role, content: m.content });
  return out;
}

export class OpenAIAdapter implements ProviderAdapter {
  readonly name = "openai";
  readonly external = true;
  readonly defaultModel = "gpt-5-mini";
  readonly defaultImageModel = "gpt-image-1";
  readonly models = ["gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-image-1"];
  readonly configured: boolean;

  constructor(private readonly options: OpenAIAdapterOptions) {
    this.configured = Boolean(options.apiKey || options.baseURL);
  }

  // The SDK is imported on the first call, not with the module: evaluating it costs start-up
  // CPU in every isolate (the OpenAI SDK alone loads node:util), and most isolates never call
  // this provider (issue 16, docs/benchmarks.md "Cold start and bundle size").
  // One client per (key, base URL) per isolate (sdk-clients.ts); the call's fetch and signal
  // go with each request.
  private async client(): Promise<OpenAI> {
    const { default: OpenAI } = await import("openai");
    const { apiKey, baseURL } = this.options;
    return cachedClient(
      ["openai", apiKey, baseURL],
      () =>
        new OpenAI({
          // Local OpenAI-compatible servers accept any key; the SDK insists on one.
          apiKey: apiKey ?? "not-needed",
          baseURL: baseURL ?? null,
          maxRetries: 0,
          fetch: sdkFetch,
        }),
    );
  }

  private async withClient<T>(rec: RecordingFetch, request: (client: OpenAI) => PromiseLike<T>): Promise<T> {
    const client = await this.client();
    return withCallFetch(rec.fetch, () => request(client));
  }

  private params(call: TextCall) {
    return {
      model: call.model,
      messages: messagesOf(call),
      max_completion_tokens: call.maxTokens,
      ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
      ...(call.json ? { response_format: { type: "json_object" as const } } : {}),
    };
  }

  async generateText(call: TextCall): Promise<TextCompletion> {
    const rec = recordingFetch(call.traceId);
    try {
      const res = await this.withClient(rec, (c) =>
        c.chat.completions.create(this.params(call), {
          signal: call.signal,
        }),
      );
      const choice = res.choices[0];
      if (!choice)
        throw new ServerError("openai returned no choices", { provider: "openai", model: call.model });
      if (choice.finish_reason === "content_filter") {
        throw new ContentFilterError("openai stopped the answer (content filter)", {
          provider: "openai",
          model: call.model,
        });
      }
      return {
        text: choice.message.content ?? "",
        model: res.model || call.model,
        tokensIn: res.usage?.prompt_tokens ?? 0,
        tokensOut: res.usage?.completion_tokens ?? 0,
      };
    } catch (err) {
      throw sdkCallError(err, "openai", call, rec);
    }
  }

  async *streamText(call: TextCall): AsyncIterable<StreamChunk> {
    const rec = recordingFetch(call.traceId);
    try {
      const stream = await this.withClient(rec, (c) =>
        c.chat.completions.create(
          { ...this.params(call), stream: true, stream_options: { include_usage: true } },
          { signal: call.signal },
        ),
      );
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (choice?.finish_reason === "content_filter") {
          throw new ContentFilterError("openai stopped the answer (content filter)", {
            provider: "openai",
            model: call.model,
          });
        }
        const text = choice?.delta.content;
        if (text) yield { type: "text", text };
        if (chunk.usage) {
          yield {
            type: "usage",
            tokensIn: chunk.usage.prompt_tokens,
            tokensOut: chunk.usage.completion_tokens,
          };
        }
      }
    } catch (err) {
      throw sdkCallError(err, "openai", call, rec);
    }
  }

  async generateImage(call: ImageCall): Promise<ImageResult> {
    const rec = recordingFetch(call.traceId);
    try {
      const res = await this.withClient(rec, (c) =>
        c.images.generate(
          { model: call.model, prompt: call.prompt, size: "1024x1024", n: 1 },
          { signal: call.signal },
        ),
      );
      const b64 = res.data?.[0]?.b64_json;
      if (!b64) throw new ServerError("openai returned no image", { provider: "openai", model: call.model });
      return {
        bytes: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)),
        contentType: "image/png",
        model: call.model,
      };
    } catch (err) {
      throw sdkCallError(err, "openai", call, rec);
    }
  }
}
