/**
 * A fake Gemini API for the fault suite: it answers `generateContent` like the real API (the
 * official SDK parses it unchanged), with JSON valid against the request's `responseJsonSchema`
 * when JSON is asked for (built from sentences of the prompt, like the offline provider), and it
 * counts every call per prompt, so a test can tell whether any step was paid for twice.
 * `setBehaviour` turns it into a storm at any moment: 429 with Retry-After, 5xx, or hanging.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SentenceSource, valueFromSchema } from "../../../workers/providers/offline/json-from-schema.ts";
import { sentencesOf } from "../../../workers/providers/offline/sentences.ts";
import { error, geminiBody, json } from "../../support/fake-upstream-wire.ts";

export type Behaviour = "ok" | "429" | "500" | "hang";
export type GeminiCall = { prompt: string; at: number; answered: Behaviour };

export type CountingGemini = {
  /** Base URL for GEMINI_BASE_URL. */
  url: string;
  calls: GeminiCall[];
  /** The most calls it was answering at once. */
  maxInflight(): number;
  resetPeak(): void;
  /** Calls per distinct prompt (system + messages hashed). */
  perPrompt(): Map<string, number>;
  /** Decides each call's answer from its number (1-based, over the server's life). */
  setBehaviour(pick: (n: number) => Behaviour): void;
  /** Delay before every answer, so steps are in flight long enough to be interrupted. */
  setLatency(ms: number): void;
  close(): Promise<void>;
};

type Part = { text?: string };
type GeminiRequest = {
  contents?: { role?: string; parts?: Part[] }[];
  systemInstruction?: unknown;
  generationConfig?: { responseJsonSchema?: unknown; responseMimeType?: string };
};

export async function startCountingGemini(): Promise<CountingGemini> {
  const calls: GeminiCall[] = [];
  const hanging = new Set<ServerResponse>();
  let pick: (n: number) => Behaviour = () => "ok";
  let latencyMs = 0;
  let inflight = 0;
  let peak = 0;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let raw = "";
    for await (const chunk of req) raw += String(chunk);
    if (!/:generateContent$/.test(new URL(req.url ?? "/", "http://x").pathname)) {
      return error(res, 404, "only generateContent is faked here");
    }
    const body = JSON.parse(raw) as GeminiRequest;
    const prompt = createHash("sha256")
      .update(JSON.stringify([body.systemInstruction ?? null, body.contents ?? []]))
      .digest("hex")
      .slice(0, 16);
    const answered = pick(calls.length + 1);
    calls.push({ prompt, at: Date.now(), answered });
    peak = Math.max(peak, ++inflight);
    res.on("close", () => inflight--);
    if (answered === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (answered === "429") return error(res, 429, "rate limited", { "retry-after": "1" });
    if (answered === "500") return error(res, 500, "internal error");
    const userText = (body.contents ?? [])
      .filter((c) => c.role !== "model")
      .flatMap((c) => (c.parts ?? []).map((p) => p.text ?? ""))
      .join("\n");
    const sentences = sentencesOf(userText);
    const schema = body.generationConfig?.responseJsonSchema;
    const text = schema
      ? JSON.stringify(valueFromSchema(schema, new SentenceSource(sentences)))
      : `gemini: ${sentences.slice(0, 3).join(" ") || "ok"}`;
    const usage = { in: Math.ceil(raw.length / 4), out: Math.ceil(text.length / 4) };
    json(res, geminiBody(text, usage, false));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in the fake: answer 599 so the test fails loudly instead of hanging.
      res.writeHead(599, { "content-type": "text/plain" }).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    perPrompt() {
      const counts = new Map<string, number>();
      for (const call of calls) counts.set(call.prompt, (counts.get(call.prompt) ?? 0) + 1);
      return counts;
    },
    setBehaviour(next) {
      pick = next;
    },
    maxInflight: () => peak,
    resetPeak() {
      peak = inflight;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
