/**
 * A local fake of the Anthropic, OpenAI and Gemini HTTP APIs, speaking their real wire formats
 * (JSON and SSE streaming), so the official SDKs can be pointed at it (base URL) in tests and in
 * the gateway benchmark. It runs in Node (vitest globalSetup, scripts/bench-gateway.ts), never
 * inside workerd, because a request that hangs past a timeout needs a real socket.
 *
 * Behaviour is chosen by the model name, so one server serves every scenario at once:
 *   fail-429 (429 + Retry-After: 1), fail-500, hang (never answers), malformed (200, bad JSON),
 *   auth (401), credits (402), filter (content filter / safety stop), badjson (non-JSON text),
 *   cut (a stream that breaks after its first event; a plain request loses its connection).
 * A model name containing "once" fails only on its first request, then answers normally.
 * The reply text is whatever follows "REPLY:" in the latest user message that has it, else
 * "fake reply: <last user message>".
 * `GET /__calls` returns how many requests each model received; `GET /__traceparents` the
 * `traceparent` header of each request, per model (absent header: null), in arrival order.
 * Scripted replies: `POST /__script/<id>` with `{ "replies": ["…", "…"] }`; then each request
 * whose user messages contain `SCRIPT:<id>` answers the next reply in turn (a conversation that
 * changes its answer, e.g. a fix loop), and the normal reply once they are used up.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  anthropicBody,
  anthropicStream,
  error,
  geminiBody,
  geminiStream,
  json,
  openaiBody,
  openaiStream,
  type Parsed,
} from "./fake-upstream-wire.ts";

type Scenario =
  "ok" | "fail-429" | "fail-500" | "hang" | "malformed" | "auth" | "credits" | "filter" | "badjson" | "cut";

const SCENARIOS: Scenario[] = [
  "fail-429",
  "fail-500",
  "hang",
  "malformed",
  "auth",
  "credits",
  "filter",
  "badjson",
  "cut",
];

/** A 1×1 transparent PNG, the fake's answer to every image request. */
export const FAKE_PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

export type FakeUpstream = { url: string; port: number; close: () => Promise<void> };

export async function startFakeUpstream(port = 0): Promise<FakeUpstream> {
  const calls = new Map<string, number>();
  const traceparents = new Map<string, (string | null)[]>();
  const hanging = new Set<ServerResponse>();

  const scripts = new Map<string, string[]>();
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      // A bug in the fake itself: answer 599 so a test fails loudly rather than hanging.
      res.writeHead(599, { "content-type": "text/plain" }).end(String(err));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "POST" && url.pathname.startsWith("/__script/")) {
      const { replies } = JSON.parse(await readBody(req)) as { replies: string[] };
      scripts.set(decodeURIComponent(url.pathname.slice("/__script/".length)), [...replies]);
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === "/__traceparents") {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(Object.fromEntries(traceparents)));
      return;
    }
    if (url.pathname === "/__calls") {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(Object.fromEntries(calls)));
      return;
    }
    const raw = await readBody(req);
    const body: Record<string, unknown> = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const api = whichApi(url.pathname);
    if (!api) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"unknown path"}}');
      return;
    }
    const parsed = parse(api, url, body);
    const n = (calls.get(parsed.model) ?? 0) + 1;
    calls.set(parsed.model, n);
    const header = req.headers.traceparent;
    traceparents.set(parsed.model, [
      ...(traceparents.get(parsed.model) ?? []),
      typeof header === "string" ? header : null,
    ]);
    const scenario = scenarioOf(parsed.model, n);

    if (scenario === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (scenario === "cut") {
      // A stream that breaks after its first event; a plain request loses its connection.
      if (!parsed.stream) return void res.socket?.destroy();
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(cutFirstEvent(api, parsed.model));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (scenario === "fail-429") return error(res, 429, "rate limited", { "retry-after": "1" });
    if (scenario === "fail-500") return error(res, 500, "internal error");
    if (scenario === "auth") return error(res, 401, "invalid api key");
    if (scenario === "credits") return error(res, 402, "insufficient credits");
    if (scenario === "malformed") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"id": "broken", "choices": [');
      return;
    }
    if (api === "openai-image") return json(res, { created: 0, data: [{ b64_json: FAKE_PNG_BASE64 }] });
    if (api === "gemini" && parsed.wantsImage) {
      return json(res, {
        candidates: [
          {
            content: {
              role: "model",
              parts: [{ inlineData: { mimeType: "image/png", data: FAKE_PNG_BASE64 } }],
            },
            finishReason: "STOP",
          },
        ],
      });
    }

    const scripted = parsed.script ? scripts.get(parsed.script)?.shift() : undefined;
    const text = scenario === "badjson" ? "this is not json" : (scripted ?? replyFor(parsed.lastUser));
    const usage = {
      in: Math.max(1, Math.ceil(parsed.inputChars / 4)),
      out: Math.max(1, Math.ceil(text.length / 4)),
    };
    const filtered = scenario === "filter";
    if (api === "openai")
      return parsed.stream
        ? openaiStream(res, parsed, text, usage, filtered)
        : json(res, openaiBody(parsed, text, usage, filtered));
    if (api === "anthropic")
      return parsed.stream
        ? anthropicStream(res, parsed, text, usage, filtered)
        : json(res, anthropicBody(parsed, text, usage, filtered));
    return parsed.stream
      ? geminiStream(res, text, usage, filtered)
      : json(res, geminiBody(text, usage, filtered));
  }

  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function whichApi(path: string) {
  if (path.endsWith("/chat/completions")) return "openai" as const;
  if (path.endsWith("/images/generations")) return "openai-image" as const;
  if (path.endsWith("/messages")) return "anthropic" as const;
  if (/:(stream)?generateContent$/i.test(path)) return "gemini" as const;
  return undefined;
}

function parse(
  api: NonNullable<ReturnType<typeof whichApi>>,
  url: URL,
  body: Record<string, unknown>,
): Parsed {
  if (api === "gemini") {
    const model = decodeURIComponent(/models\/([^:]+):/.exec(url.pathname)?.[1] ?? "unknown");
    const contents = (body.contents ?? []) as { role?: string; parts?: { text?: string }[] }[];
    const texts = contents.map((c) => (c.parts ?? []).map((p) => p.text ?? "").join(""));
    return {
      model,
      stream: url.pathname.includes("streamGenerateContent"),
      lastUser: [...texts].reverse().find((t) => t.includes("REPLY:")) ?? texts.at(-1) ?? "",
      inputChars: texts.join("").length + JSON.stringify(body.systemInstruction ?? "").length,
      wantsImage: JSON.stringify(body.generationConfig ?? {}).includes("IMAGE"),
      script: scriptOf(texts.join("\n")),
    };
  }
  const messages = (body.messages ?? []) as { role: string; content: unknown }[];
  const textOf = (c: unknown) =>
    typeof c === "string"
      ? c
      : Array.isArray(c)
        ? c.map((p: { text?: string }) => p.text ?? "").join("")
        : "";
  const users = messages.filter((m) => m.role === "user");
  return {
    model: String(body.model ?? "unknown"),
    stream: body.stream === true,
    lastUser:
      [...users]
        .reverse()
        .map((m) => textOf(m.content))
        .find((t) => t.includes("REPLY:")) ?? textOf(users.at(-1)?.content),
    inputChars: messages.map((m) => textOf(m.content)).join("").length + String(body.system ?? "").length,
    script: scriptOf(users.map((m) => textOf(m.content)).join("\n")),
  };
}

function scriptOf(text: string): string | undefined {
  return /SCRIPT:([\w-]+)/.exec(text)?.[1];
}

function scenarioOf(model: string, n: number): Scenario {
  const found = SCENARIOS.find((s) => model.includes(s));
  if (!found) return "ok";
  if (model.includes("once") && n > 1) return "ok";
  return found;
}

function replyFor(lastUser: string): string {
  const marker = lastUser.indexOf("REPLY:");
  return marker >= 0 ? lastUser.slice(marker + "REPLY:".length).trim() : `fake reply: ${lastUser}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

/** The first event of a stream in each API's format, carrying the text "partial ". */
function cutFirstEvent(api: "openai" | "anthropic" | "gemini" | "openai-image", model: string): string {
  if (api === "anthropic") {
    return `event: content_block_delta\ndata: ${JSON.stringify({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "partial " } })}\n\n`;
  }
  if (api === "gemini") {
    return `data: ${JSON.stringify({ candidates: [{ content: { role: "model", parts: [{ text: "partial " }] }, index: 0 }] })}\n\n`;
  }
  const chunk = {
    id: "c",
    object: "chat.completion.chunk",
    created: 0,
    model,
    choices: [{ index: 0, delta: { content: "partial " }, finish_reason: null }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
