/**
 * The offline provider: deterministic and extractive, so every pipeline runs on a fresh checkout
 * with no keys and no network. Text is built from sentences of the input and starts with the
 * visible marker "[offline]"; JSON is an object valid against the requested schema whose strings
 * are sentences of the input (marked too, where the schema allows); images are a placeholder PNG
 * labelled OFFLINE. The provider name in every result is "offline".
 */
import { InvalidRequestError } from "../errors";
import { SentenceSource, valueFromSchema } from "../offline/json-from-schema";
import { renderPlaceholderPng } from "../offline/placeholder-png";
import { sentencesOf } from "../offline/sentences";
import type {
  ImageCall,
  ImageResult,
  ProviderAdapter,
  StreamChunk,
  TextCall,
  TextCompletion,
} from "../types";

export const OFFLINE_MARKER = "[offline]";

/** A rough token count (4 characters a token), enough for offline usage figures. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function inputText(call: TextCall): string {
  const users = call.messages.filter((m) => m.role === "user").map((m) => m.content);
  return users.join("\n") || call.system || "";
}

export class OfflineAdapter implements ProviderAdapter {
  readonly name = "offline";
  readonly configured = true;
  readonly external = false;
  readonly defaultModel = "extractive-1";
  readonly defaultImageModel = "placeholder-1";
  readonly models = ["extractive-1", "placeholder-1"];

  private compose(call: TextCall): string {
    const input = inputText(call);
    const sentences = sentencesOf(input);
    if (call.json) return JSON.stringify(this.jsonValue(call, sentences));
    const budget = Math.max(40, call.maxTokens * 4);
    let out = OFFLINE_MARKER;
    for (const s of sentences.length ? sentences : ["(no input text)"]) {
      if (out.length + s.length + 1 > budget) break;
      out += ` ${s}`;
    }
    return out;
  }

  private jsonValue(call: TextCall, sentences: string[]): unknown {
    // The caller built the deterministic answer from the input itself (its own sentences and
    // names): that reads better than sentences poured into a schema. The gateway validates it.
    if (call.offlineAnswer !== undefined) return call.offlineAnswer;
    const schema = call.jsonSchema ?? { type: "object", properties: { text: { type: "string" } } };
    // Strings carry the marker unless the schema's length limits forbid it; the gateway validates.
    const marked = valueFromSchema(schema, new SentenceSource(sentences), `${OFFLINE_MARKER} `);
    return marked;
  }

  async generateText(call: TextCall): Promise<TextCompletion> {
    if (call.messages.length === 0)
      throw new InvalidRequestError("no messages", { provider: "offline", model: call.model });
    const text = this.compose(call);
    const tokensIn = estimateTokens((call.system ?? "") + call.messages.map((m) => m.content).join(""));
    return { text, model: call.model, tokensIn, tokensOut: estimateTokens(text) };
  }

  async *streamText(call: TextCall): AsyncIterable<StreamChunk> {
    const done = await this.generateText(call);
    for (const piece of done.text.match(/\S+\s*/g) ?? [done.text]) yield { type: "text", text: piece };
    yield { type: "usage", tokensIn: done.tokensIn, tokensOut: done.tokensOut };
  }

  async generateImage(call: ImageCall): Promise<ImageResult> {
    return {
      bytes: call.hint
        ? await (await import("../offline/manga-art")).renderMangaHint(call.hint, call.width)
        : await renderPlaceholderPng(call.prompt, call.width, call.height),
      contentType: "image/png",
      model: call.model,
    };
  }
}
