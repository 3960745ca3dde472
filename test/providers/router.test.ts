import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createGateway } from "../../workers/providers/gateway";
import { fakeEnv, upstreamCalls, uniqueModel } from "../support/fake-upstream-env";

const tenantId = "tenant-router";
const ask = (content: string) => [{ role: "user" as const, content }];

describe("router", () => {
  it("falls back in chain order and reports the failed attempts", async () => {
    const bad = uniqueModel("fail-500");
    // Per-provider models: the failing model name only applies to Gemini through a per-request chain.
    const gw = createGateway(fakeEnv(), { tenantId, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const first = await gw
      .generateText({ messages: ask("hi"), maxTokens: 10, model: `gemini/${bad}`, cache: false })
      .catch((e: unknown) => e);
    expect(first).toMatchObject({
      name: "NoProviderError",
      attempts: [{ provider: "gemini" }, { provider: "gemini" }],
    });
    expect(await upstreamCalls(bad)).toBe(2);

    const out = await gw.generateText({
      messages: ask("REPLY: fine"),
      maxTokens: 10,
      providers: ["anthropic", "openai"],
      cache: false,
    });
    expect(out.provider).toBe("anthropic");
  });

  it("uses the default chain Gemini → OpenAI → Claude and skips unconfigured providers", async () => {
    const all = await createGateway(fakeEnv(), { tenantId }).generateText({
      messages: ask("REPLY: a"),
      maxTokens: 5,
      cache: false,
    });
    expect(all.provider).toBe("gemini");
    const noGemini = await createGateway(fakeEnv(["openai", "anthropic"]), { tenantId }).generateText({
      messages: ask("REPLY: a"),
      maxTokens: 5,
      cache: false,
    });
    expect(noGemini.provider).toBe("openai");
    const claudeOnly = await createGateway(fakeEnv(["anthropic"]), { tenantId }).generateText({
      messages: ask("REPLY: a"),
      maxTokens: 5,
      cache: false,
    });
    expect(claudeOnly.provider).toBe("anthropic");
  });

  it("is offline, labelled, when nothing is configured", async () => {
    const out = await createGateway(env, { tenantId }).generateText({
      messages: ask("Tsumugi spins thread. It runs on Workers. Everything is local."),
      maxTokens: 100,
      cache: false,
    });
    expect(out.provider).toBe("offline");
    expect(out.text).toMatch(/^\[offline\] Tsumugi spins thread\./);
    expect(out.usage.costUsd).toBe(0);
  });

  it("honours Retry-After on a 429 and then succeeds at the same provider", async () => {
    const model = uniqueModel("fail-429-once");
    const gw = createGateway(fakeEnv(["openai"]), { tenantId, retry: { baseDelayMs: 1 } });
    const started = Date.now();
    const out = await gw.generateText({
      messages: ask("REPLY: after wait"),
      maxTokens: 10,
      model: `openai/${model}`,
      cache: false,
    });
    expect(out.text).toBe("after wait");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(out.attempts).toMatchObject([{ classification: "rate_limit" }]);
  });

  it("retries a 500 with backoff, and does not retry an auth error", async () => {
    const flaky = uniqueModel("fail-500-once");
    const gw = createGateway(fakeEnv(["anthropic"]), { tenantId, retry: { baseDelayMs: 1 } });
    const ok = await gw.generateText({
      messages: ask("REPLY: ok"),
      maxTokens: 10,
      model: `anthropic/${flaky}`,
      cache: false,
    });
    expect(ok.text).toBe("ok");
    expect(await upstreamCalls(flaky)).toBe(2);

    const auth = uniqueModel("auth");
    const err = await gw
      .generateText({ messages: ask("x"), maxTokens: 10, model: `anthropic/${auth}`, cache: false })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ lastError: { name: "AuthError" } });
    expect(await upstreamCalls(auth)).toBe(1);
  });

  it("validates JSON against a zod schema with one repair attempt", async () => {
    const schema = z.object({ title: z.string(), tags: z.array(z.string()) });
    const gw = createGateway(fakeEnv(["openai"]), { tenantId });
    const model = uniqueModel("badjson-once");
    const out = await gw.generateText({
      messages: ask('REPLY: {"title":"T","tags":["a"]}'),
      schema,
      maxTokens: 50,
      model: `openai/${model}`,
      cache: false,
    });
    expect(out.json).toEqual({ title: "T", tags: ["a"] });
    expect(await upstreamCalls(model)).toBe(2);

    const always = uniqueModel("badjson");
    const err = await gw
      .generateText({ messages: ask("x"), schema, maxTokens: 50, model: `openai/${always}`, cache: false })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      lastError: { name: "InvalidOutputError", classification: "invalid_output" },
    });
  });

  it("makes offline JSON valid against the schema from the input's sentences", async () => {
    const schema = z.object({
      title: z.string(),
      points: z.array(z.string()).min(2),
      score: z.number().int().min(1),
      kind: z.enum(["a", "b"]),
    });
    const out = await createGateway(env, { tenantId }).generateText({
      messages: ask("First sentence here. Second one follows. Third ends it."),
      schema,
      maxTokens: 200,
    });
    expect(schema.parse(out.json)).toEqual(out.json);
    expect(out.json?.title).toBe("[offline] First sentence here.");
    expect(out.json?.points).toEqual(["[offline] Second one follows.", "[offline] Third ends it."]);
  });

  it.each(["hang", "fail-500", "fail-429"])(
    "fails a stream over to the next provider when the first ends in %s before its first token",
    async (scenario) => {
      const gw = createGateway(fakeEnv(["gemini", "openai"]), {
        tenantId,
        timeoutMs: 300,
        retry: { maxAttempts: 1 },
      });
      const stream = await gw.streamText({
        messages: ask("REPLY: streamed anyway"),
        maxTokens: 5,
        providers: ["gemini", "openai"],
        models: { gemini: uniqueModel(scenario) },
      });
      expect(stream.provider).toBe("openai");
      let text = "";
      for await (const piece of stream.chunks) text += piece;
      expect(text).toBe("streamed anyway");
    },
  );
});

describe("a stream that breaks after its first token", () => {
  it.each(["openai", "anthropic", "gemini"] as const)(
    "%s: ends with an error and counts against the breaker",
    async (provider) => {
      const model = uniqueModel("cut");
      const gw = createGateway(fakeEnv([provider]), {
        tenantId,
        timeoutMs: 2_000,
        retry: { maxAttempts: 1 },
      });
      const stream = await gw.streamText({ messages: ask("x"), maxTokens: 5, model: `${provider}/${model}` });
      const pieces: string[] = [];
      const failure = await (async () => {
        for await (const piece of stream.chunks) pieces.push(piece);
      })().catch((e: unknown) => e);
      expect(pieces).toEqual(["partial "]);
      expect(failure).toMatchObject({ classification: expect.stringMatching(/^(network|server|timeout)$/) });
      await expect(stream.usage).rejects.toBeDefined();
      const mine = (await env.PROVIDER_GUARD.get(env.PROVIDER_GUARD.idFromName(provider)).snapshot()).find(
        (b) => b.model === model,
      );
      expect(mine).toMatchObject({ consecutive_failures: 1 });
    },
  );
});
