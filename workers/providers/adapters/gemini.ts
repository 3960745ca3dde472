/**
 * Google Gemini (text and images) through the official `@google/genai` SDK. Its
 * `httpOptions.baseUrl` points it elsewhere (tests, proxies); its own retries are turned off.
 */
import type { GenerateContentResponse, GoogleGenAI } from "@google/genai";
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

export type GeminiAdapterOptions = { apiKey?: string; baseUrl?: string };

const BLOCKED = new Set(["SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_SAFETY"]);

function checkBlocked(res: GenerateContentResponse, model: string): void {
  const reason = res.candidates?.[0]?.finishReason ?? res.promptFeedback?.blockReason;
  if (reason && BLOCKED.has(String(reason))) {
    throw new ContentFilterError(`gemini blocked the answer (${String(reason)})`, {
      provider: "gemini",
      model,
    });
  }
}

export class GeminiAdapter implements ProviderAdapter {
  readonly name = "gemini";
  readonly external = true;
  readonly defaultModel = "gemini-3.8-flash";
  readonly defaultImageModel = "gemini-3.1-flash-image";
  readonly models = [
    "gemini-pro-latest",
    "gemini-3.8-flash",
    "gemini-flash-lite-latest",
    "gemini-3.1-flash-image",
  ];
  readonly configured: boolean;

  constructor(private readonly options: GeminiAdapterOptions) {
    this.configured = Boolean(options.apiKey);
  }

  // The SDK is imported on the first call, not with the module: evaluating it costs start-up
  // CPU in every isolate (the OpenAI SDK alone loads node:util), and most isolates never call
  // this provider (issue 16, docs/benchmarks.md "Cold start and bundle size").
  // One client per (key, base URL) per isolate (sdk-clients.ts); the call's fetch and signal
  // (config.abortSignal) go with each request.
  private async client(): Promise<GoogleGenAI> {
    const { GoogleGenAI } = await import("@google/genai");
    const { apiKey, baseUrl } = this.options;
    return cachedClient(
      ["gemini", apiKey, baseUrl],
      () =>
        new GoogleGenAI({
          apiKey,
          httpOptions: {
            ...(baseUrl ? { baseUrl } : {}),
            retryOptions: { attempts: 1 },
            fetch: sdkFetch,
          },
        }),
    );
  }

  private async withClient<T>(
    rec: RecordingFetch,
    request: (client: GoogleGenAI) => PromiseLike<T>,
  ): Promise<T> {
    const client = await this.client();
    return withCallFetch(rec.fetch, () => request(client));
  }

  private params(call: TextCall) {
    return {
      model: call.model,
      contents: call.messages.map((m) => ({
        role: m.role === "assistant" ? "model" : "user",
        parts: [{ text: m.content }],
      })),
      config: {
        abortSignal: call.signal,
        maxOutputTokens: call.maxTokens,
        ...(call.system ? { systemInstruction: call.system } : {}),
        ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
        ...(call.json ? { responseMimeType: "application/json" } : {}),
        ...(call.json && call.jsonSchema ? { responseJsonSchema: call.jsonSchema } : {}),
      },
    };
  }

  async generateText(call: TextCall): Promise<TextCompletion> {
    const rec = recordingFetch(call.traceId);
    try {
      const res = await this.withClient(rec, (c) => c.models.generateContent(this.params(call)));
      checkBlocked(res, call.model);
      if (!res.candidates?.length)
        throw new ServerError("gemini returned no candidates", { provider: "gemini", model: call.model });
      return {
        text: res.text ?? "",
        model: call.model,
        tokensIn: res.usageMetadata?.promptTokenCount ?? 0,
        tokensOut: res.usageMetadata?.candidatesTokenCount ?? 0,
      };
    } catch (err) {
      throw sdkCallError(err, "gemini", call, rec);
    }
  }

  async *streamText(call: TextCall): AsyncIterable<StreamChunk> {
    const rec = recordingFetch(call.traceId);
    try {
      const stream = await this.withClient(rec, (c) => c.models.generateContentStream(this.params(call)));
      for await (const res of stream) {
        checkBlocked(res, call.model);
        const text = res.text;
        if (text) yield { type: "text", text };
        if (res.usageMetadata?.candidatesTokenCount !== undefined) {
          yield {
            type: "usage",
            tokensIn: res.usageMetadata.promptTokenCount ?? 0,
            tokensOut: res.usageMetadata.candidatesTokenCount,
          };
        }
      }
    } catch (err) {
      throw sdkCallError(err, "gemini", call, rec);
    }
  }

  /**
   * Images through generateContent with an image model: the Gemini API's `generateImages`
   * (Imagen) is Vertex-only and deprecated in @google/genai.
   */
  async generateImage(call: ImageCall): Promise<ImageResult> {
    const rec = recordingFetch(call.traceId);
    try {
      const res = await this.withClient(rec, (c) =>
        c.models.generateContent({
          model: call.model,
          contents: call.prompt,
          config: { responseModalities: ["IMAGE"], abortSignal: call.signal },
        }),
      );
      checkBlocked(res, call.model);
      const image = res.candidates?.[0]?.content?.parts?.find((p) => p.inlineData?.data)?.inlineData;
      if (!image?.data)
        throw new ServerError("gemini returned no image", { provider: "gemini", model: call.model });
      return {
        bytes: Uint8Array.from(atob(image.data), (c) => c.charCodeAt(0)),
        contentType: image.mimeType ?? "image/png",
        model: call.model,
      };
    } catch (err) {
      throw sdkCallError(err, "gemini", call, rec);
    }
  }
}
