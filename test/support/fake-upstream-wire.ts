/**
 * The wire formats the fake upstream answers in: OpenAI chat completions, Anthropic Messages
 * and Gemini generateContent, each as JSON and as Server-Sent Events, shaped like the real APIs
 * so the official SDKs parse them unchanged.
 */
import type { ServerResponse } from "node:http";

export type Parsed = {
  model: string;
  stream: boolean;
  lastUser: string;
  inputChars: number;
  wantsImage?: boolean;
  /** The id of a scripted conversation (`SCRIPT:<id>` in a user message). */
  script?: string | undefined;
};

export function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export function error(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res
    .writeHead(status, { "content-type": "application/json", ...headers })
    .end(
      JSON.stringify({ type: "error", error: { type: "api_error", message, code: status, status: "ERROR" } }),
    );
}

function words(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [text];
}

function sse(res: ServerResponse): (data: unknown, event?: string) => void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  return (data, event) =>
    res.write(
      `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`,
    );
}

export type WireTokens = { in: number; out: number };

export function openaiBody(p: Parsed, text: string, u: WireTokens, filtered: boolean) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: p.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: filtered ? "" : text },
        finish_reason: filtered ? "content_filter" : "stop",
      },
    ],
    usage: { prompt_tokens: u.in, completion_tokens: u.out, total_tokens: u.in + u.out },
  };
}

export function openaiStream(
  res: ServerResponse,
  p: Parsed,
  text: string,
  u: WireTokens,
  filtered: boolean,
): void {
  const send = sse(res);
  const base = {
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model: p.model,
  };
  send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
  if (!filtered)
    for (const w of words(text))
      send({ ...base, choices: [{ index: 0, delta: { content: w }, finish_reason: null }] });
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: filtered ? "content_filter" : "stop" }] });
  send({
    ...base,
    choices: [],
    usage: { prompt_tokens: u.in, completion_tokens: u.out, total_tokens: u.in + u.out },
  });
  send("[DONE]");
  res.end();
}

export function anthropicBody(p: Parsed, text: string, u: WireTokens, filtered: boolean) {
  return {
    id: "msg_fake",
    type: "message",
    role: "assistant",
    model: p.model,
    content: filtered ? [] : [{ type: "text", text }],
    stop_reason: filtered ? "refusal" : "end_turn",
    stop_sequence: null,
    usage: { input_tokens: u.in, output_tokens: u.out },
  };
}

export function anthropicStream(
  res: ServerResponse,
  p: Parsed,
  text: string,
  u: WireTokens,
  filtered: boolean,
): void {
  const send = sse(res);
  send(
    {
      type: "message_start",
      message: {
        ...anthropicBody(p, "", u, false),
        content: [],
        stop_reason: null,
        usage: { input_tokens: u.in, output_tokens: 0 },
      },
    },
    "message_start",
  );
  if (!filtered) {
    send(
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      "content_block_start",
    );
    for (const w of words(text))
      send(
        { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: w } },
        "content_block_delta",
      );
    send({ type: "content_block_stop", index: 0 }, "content_block_stop");
  }
  send(
    {
      type: "message_delta",
      delta: { stop_reason: filtered ? "refusal" : "end_turn", stop_sequence: null },
      usage: { output_tokens: u.out },
    },
    "message_delta",
  );
  send({ type: "message_stop" }, "message_stop");
  res.end();
}

export function geminiBody(text: string, u: WireTokens, filtered: boolean) {
  return {
    candidates: [
      filtered
        ? { finishReason: "SAFETY", index: 0 }
        : { content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 },
    ],
    usageMetadata: { promptTokenCount: u.in, candidatesTokenCount: u.out, totalTokenCount: u.in + u.out },
    modelVersion: "fake",
  };
}

export function geminiStream(res: ServerResponse, text: string, u: WireTokens, filtered: boolean): void {
  const send = sse(res);
  if (filtered) send(geminiBody("", u, true));
  else {
    const parts = words(text);
    parts.forEach((w, i) => {
      const last = i === parts.length - 1;
      send({
        candidates: [
          {
            content: { role: "model", parts: [{ text: w }] },
            index: 0,
            ...(last ? { finishReason: "STOP" } : {}),
          },
        ],
        ...(last
          ? {
              usageMetadata: {
                promptTokenCount: u.in,
                candidatesTokenCount: u.out,
                totalTokenCount: u.in + u.out,
              },
            }
          : {}),
      });
    });
  }
  res.end();
}
