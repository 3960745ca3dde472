/**
 * Cloudflare Workers AI through the `AI` binding. The binding is remote-only (absent under
 * `wrangler dev` and in tests), so the adapter takes anything with the binding's `run()` shape:
 * the real `env.AI`, or a stand-in object in unit tests. Without one it reports "not configured".
 */
import { z } from "zod";
import { classifyError } from "../classify";
import { ServerError } from "../errors";
import type {
  ImageCall,
  ImageResult,
  ProviderAdapter,
  StreamChunk,
  TextCall,
  TextCompletion,
} from "../types";
import { jsonInstruction } from "../json-output";
import { readSseData } from "../sse";

/** The part of the `Ai` binding this adapter uses. */
export type WorkersAiRunner = {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
};

const textOutput = z.object({
  response: z.string().nullish(),
  usage: z
    .object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() })
    .optional(),
});
const streamEvent = z.object({ response: z.string().nullish(), usage: textOutput.shape.usage });
const imageOutput = z.object({ image: z.string() });

export class WorkersAiAdapter implements ProviderAdapter {
  readonly name = "workers-ai";
  readonly external = true;
  readonly defaultModel = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
  readonly defaultImageModel = "@cf/black-forest-labs/flux-1-schnell";
  readonly models = [
    "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
    "@cf/meta/llama-3.1-8b-instruct",
    "@cf/black-forest-labs/flux-1-schnell",
  ];
  readonly configured: boolean;

  constructor(private readonly ai: WorkersAiRunner | undefined) {
    this.configured = Boolean(ai);
  }

  private runner(): WorkersAiRunner {
    if (!this.ai)
      throw new ServerError("Workers AI is not configured (no AI binding)", { provider: "workers-ai" });
    return this.ai;
  }

  private inputs(call: TextCall) {
    const system = [call.system, call.json ? jsonInstruction(call.jsonSchema) : undefined]
      .filter(Boolean)
      .join("\n\n");
    return {
      messages: [...(system ? [{ role: "system", content: system }] : []), ...call.messages],
      max_tokens: call.maxTokens,
      ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
    };
  }

  async generateText(call: TextCall): Promise<TextCompletion> {
    try {
      const raw = await this.runner().run(call.model, this.inputs(call), { signal: call.signal });
      const out = textOutput.safeParse(raw);
      if (!out.success)
        throw new ServerError("workers-ai answered in an unexpected shape", {
          provider: "workers-ai",
          model: call.model,
        });
      return {
        text: out.data.response ?? "",
        model: call.model,
        tokensIn: out.data.usage?.prompt_tokens ?? 0,
        tokensOut: out.data.usage?.completion_tokens ?? 0,
      };
    } catch (err) {
      throw classifyError(err, { provider: "workers-ai", model: call.model, signal: call.signal });
    }
  }

  async *streamText(call: TextCall): AsyncIterable<StreamChunk> {
    try {
      const raw = await this.runner().run(
        call.model,
        { ...this.inputs(call), stream: true },
        { signal: call.signal },
      );
      if (!(raw instanceof ReadableStream))
        throw new ServerError("workers-ai did not stream", { provider: "workers-ai", model: call.model });
      for await (const data of readSseData(raw as ReadableStream<Uint8Array>)) {
        if (data === "[DONE]") break;
        const event = streamEvent.safeParse(JSON.parse(data));
        if (!event.success) continue;
        if (event.data.response) yield { type: "text", text: event.data.response };
        if (event.data.usage) {
          yield {
            type: "usage",
            tokensIn: event.data.usage.prompt_tokens ?? 0,
            tokensOut: event.data.usage.completion_tokens ?? 0,
          };
        }
      }
    } catch (err) {
      throw classifyError(err, { provider: "workers-ai", model: call.model, signal: call.signal });
    }
  }

  async generateImage(call: ImageCall): Promise<ImageResult> {
    try {
      const raw = await this.runner().run(call.model, { prompt: call.prompt }, { signal: call.signal });
      const out = imageOutput.safeParse(raw);
      if (!out.success)
        throw new ServerError("workers-ai returned no image", { provider: "workers-ai", model: call.model });
      return {
        bytes: Uint8Array.from(atob(out.data.image), (c) => c.charCodeAt(0)),
        contentType: "image/jpeg",
        model: call.model,
      };
    } catch (err) {
      throw classifyError(err, { provider: "workers-ai", model: call.model, signal: call.signal });
    }
  }
}
