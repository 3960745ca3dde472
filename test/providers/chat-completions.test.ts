import { env, exports } from "cloudflare:workers";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { DEFAULT_KEY_RPM } from "../../workers/providers/config";
import { api, authed, BASE, createTestKey, jsonBody } from "../support/api";

type Completion = {
  model: string;
  choices: { message: { content: string } }[];
  usage: { total_tokens: number };
  tsumugi: { provider: string; cached: boolean };
};
type ErrorJson = { error: { code: string; message: string; details?: Record<string, unknown> } };

function client(key: string): OpenAI {
  return new OpenAI({
    apiKey: key,
    baseURL: `${BASE}/v1`,
    maxRetries: 0,
    // The official client, unchanged, talking to the Worker's own fetch handler.
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
  });
}

const TEXT = "Tsumugi turns books into articles. It runs on Cloudflare Workers. Everything works offline.";

describe("POST /v1/chat/completions", () => {
  it("answers in the OpenAI format, offline by default", async () => {
    const { key } = await createTestKey();
    const res = await api(
      "/v1/chat/completions",
      authed(key, jsonBody({ model: "auto", messages: [{ role: "user", content: TEXT }] })),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Tsumugi-Provider")).toBe("offline");
    const body = await res.json<Completion>();
    expect(body.model).toBe("offline/extractive-1");
    expect(body.choices[0]?.message.content).toMatch(/^\[offline\] Tsumugi turns books into articles\./);
    expect(body.usage.total_tokens).toBeGreaterThan(0);
  });

  it("serves a repeated request from the cache unless bypassed", async () => {
    const { key } = await createTestKey();
    const req = {
      model: "offline",
      messages: [{ role: "user", content: `cache me ${crypto.randomUUID()}` }],
    };
    const first = await api("/v1/chat/completions", authed(key, jsonBody(req)));
    expect(first.headers.get("X-Tsumugi-Cache")).toBe("miss");
    const second = await api("/v1/chat/completions", authed(key, jsonBody(req)));
    expect(second.headers.get("X-Tsumugi-Cache")).toBe("hit");
    const bypass = await api(
      "/v1/chat/completions",
      authed(key, jsonBody(req, { headers: { "x-tsumugi-cache": "bypass" } })),
    );
    expect(bypass.headers.get("X-Tsumugi-Cache")).toBe("miss");
  });

  it("rejects an unknown model and a provider that is not configured", async () => {
    const { key } = await createTestKey();
    const unknown = await api(
      "/v1/chat/completions",
      authed(key, jsonBody({ model: "nope/x", messages: [{ role: "user", content: "hi" }] })),
    );
    expect(unknown.status).toBe(400);
    expect((await unknown.json<ErrorJson>()).error.code).toBe("invalid_request");
    const missing = await api(
      "/v1/chat/completions",
      authed(key, jsonBody({ model: "openai/gpt-5-mini", messages: [{ role: "user", content: "hi" }] })),
    );
    expect(missing.status).toBe(503);
    expect((await missing.json<ErrorJson>()).error.code).toBe("no_provider");
  });

  it("refuses tool calling rather than ignoring the tools", async () => {
    const { key } = await createTestKey();
    const res = await api(
      "/v1/chat/completions",
      authed(key, jsonBody({ messages: [{ role: "user", content: "hi" }], tools: [{ type: "function" }] })),
    );
    expect(res.status).toBe(400);
    const body = await res.json<ErrorJson>();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details).toMatchObject({
      issues: [{ path: "tools", message: "tools are not supported by this gateway" }],
    });
  });

  it("answers 429 with Retry-After when a key is over its request limit", async () => {
    const { key, id } = await createTestKey();
    const bucket = env.PROVIDER_GUARD.get(env.PROVIDER_GUARD.idFromName(`key:${id}`));
    // Drain the key's bucket as of 10 s from now, so it cannot refill before the request below.
    const future = Date.now() + 10_000;
    while ((await bucket.takeRequest(DEFAULT_KEY_RPM, future)).ok);
    const res = await api(
      "/v1/chat/completions",
      authed(key, jsonBody({ messages: [{ role: "user", content: "hi" }] })),
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect((await res.json<ErrorJson>()).error.code).toBe("rate_limited");
  });
});

describe("the official openai client against the gateway", () => {
  it("creates a completion", async () => {
    const { key } = await createTestKey();
    const out = await client(key).chat.completions.create({
      model: "auto",
      messages: [
        { role: "system", content: "Summarise." },
        { role: "user", content: TEXT },
      ],
    });
    expect(out.choices[0]?.message.content).toContain("[offline]");
    expect(out.usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it("streams a completion with usage", async () => {
    const { key } = await createTestKey();
    const stream = await client(key).chat.completions.create({
      model: "auto",
      messages: [{ role: "user", content: TEXT }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage.total_tokens;
    }
    expect(text).toMatch(/^\[offline\] Tsumugi turns books into articles\./);
    expect(usage).toBeGreaterThan(0);
  });

  it("answers JSON mode with a JSON object", async () => {
    const { key } = await createTestKey();
    const out = await client(key).chat.completions.create({
      model: "auto",
      messages: [{ role: "user", content: TEXT }],
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(out.choices[0]?.message.content ?? "")).toEqual({
      text: "[offline] Tsumugi turns books into articles.",
    });
  });

  it("answers json_schema with an object valid against the schema", async () => {
    const { key } = await createTestKey();
    const out = await client(key).chat.completions.create({
      model: "auto",
      messages: [{ role: "user", content: TEXT }],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "summary",
          schema: {
            type: "object",
            properties: {
              title: { type: "string" },
              bullets: { type: "array", items: { type: "string" }, minItems: 2 },
            },
            required: ["title", "bullets"],
            additionalProperties: false,
          },
        },
      },
    });
    const json = JSON.parse(out.choices[0]?.message.content ?? "") as { title: string; bullets: string[] };
    expect(json.title).toBe("[offline] Tsumugi turns books into articles.");
    expect(json.bullets).toHaveLength(2);
  });

  it("lists models", async () => {
    const { key } = await createTestKey();
    const ids = (await client(key).models.list()).data.map((m) => m.id);
    expect(ids).toEqual(["auto", "offline/extractive-1", "offline/placeholder-1"]);
  });
});

describe("GET /v1/providers", () => {
  it("shows every provider, configured or not, with breaker state", async () => {
    const { key } = await createTestKey();
    const res = await api("/v1/providers", authed(key));
    const body = await res.json<{
      defaultChain: string[];
      providers: { name: string; configured: boolean; breakers: unknown[] }[];
    }>();
    expect(body.defaultChain).toEqual(["gemini", "openai", "anthropic", "workers-ai", "offline"]);
    expect(body.providers.map((p) => [p.name, p.configured])).toEqual([
      ["gemini", false],
      ["openai", false],
      ["anthropic", false],
      ["workers-ai", false],
      ["offline", true],
    ]);
  });

  it("sums usage per provider for the tenant", async () => {
    const { key } = await createTestKey();
    await api(
      "/v1/chat/completions",
      authed(key, jsonBody({ messages: [{ role: "user", content: `usage ${crypto.randomUUID()}` }] })),
    );
    const res = await api("/v1/providers/usage?groupBy=provider", authed(key));
    const body = await res.json<{ usage: { key: string; calls: number; costUsd: number }[] }>();
    expect(body.usage).toEqual([expect.objectContaining({ key: "offline", calls: 1, costUsd: 0 })]);
  });
});
