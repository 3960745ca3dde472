import { beforeAll, describe, expect, it } from "vitest";
import { createGateway } from "../../workers/providers/gateway";
import { fakeEnv, uniqueModel, upstreamTraceparents } from "../support/fake-upstream-env";

const tenantId = "tenant-adapters";
const providers = ["openai", "anthropic", "gemini"] as const;

// The adapters import their SDK on first use, not at start-up (issue 16). Loaded here first, so
// the 2 s per-call timeout below measures the provider round trip rather than the test runner
// transforming a megabyte of SDK on demand (seconds on a busy machine; a bundled Worker only
// evaluates it).
beforeAll(async () => {
  await Promise.all([import("openai"), import("@anthropic-ai/sdk"), import("@google/genai")]);
}, 120_000);

describe.each(providers)("%s adapter against the fake upstream", (provider) => {
  const gateway = () =>
    createGateway(fakeEnv([provider]), { tenantId, timeoutMs: 2_000, retry: { maxAttempts: 1 } });

  it("generates text through the official SDK", async () => {
    const model = `${provider}/${uniqueModel("ok")}`;
    const out = await gateway().generateText({
      messages: [{ role: "user", content: "REPLY: hello there" }],
      maxTokens: 50,
      model,
      cache: false,
    });
    expect(out.text).toBe("hello there");
    expect(out.provider).toBe(provider);
    expect(out.usage.tokensIn).toBeGreaterThan(0);
    expect(out.usage.tokensOut).toBeGreaterThan(0);
    expect(out.usage.costUsd).toBeGreaterThan(0);
  });

  it("streams text through the official SDK", async () => {
    const model = `${provider}/${uniqueModel("ok")}`;
    const stream = await gateway().streamText({
      messages: [{ role: "user", content: "REPLY: one two three" }],
      maxTokens: 50,
      model,
    });
    let text = "";
    for await (const piece of stream.chunks) text += piece;
    expect(text).toBe("one two three");
    expect((await stream.usage).tokensOut).toBeGreaterThan(0);
  });

  // One SDK client per isolate serves every call (sdk-clients.ts): each call's own fetch (its
  // trace, its last response's headers) must still be the one its requests go through.
  it("keeps each call's own trace when calls share the cached client at once", async () => {
    const calls = Array.from({ length: 4 }, (_, i) => ({
      model: uniqueModel(`ok-${i}`),
      traceId: crypto.randomUUID().replaceAll("-", ""),
    }));
    await Promise.all(
      calls.map(({ model, traceId }) =>
        createGateway(fakeEnv([provider]), {
          tenantId,
          traceId,
          timeoutMs: 2_000,
          retry: { maxAttempts: 1 },
        }).generateText({
          messages: [{ role: "user", content: "REPLY: hi" }],
          maxTokens: 10,
          model: `${provider}/${model}`,
          cache: false,
        }),
      ),
    );
    for (const { model, traceId } of calls) {
      const sent = await upstreamTraceparents(model);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toContain(`-${traceId}-`);
    }
  });

  it.each([
    ["fail-429", "rate_limit"],
    ["fail-500", "server"],
    ["hang", "timeout"],
    ["malformed", "server"],
    ["auth", "auth"],
    ["credits", "insufficient_credits"],
    ["filter", "content_filter"],
  ])("classifies %s as %s", async (scenario, classification) => {
    const model = `${provider}/${uniqueModel(scenario)}`;
    const gw = createGateway(fakeEnv([provider]), { tenantId, timeoutMs: 300, retry: { maxAttempts: 1 } });
    const err = await gw
      .generateText({ messages: [{ role: "user", content: "hi" }], maxTokens: 10, model, cache: false })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "NoProviderError", attempts: [{ provider, classification }] });
  });

  it("reads Retry-After on a 429", async () => {
    const model = `${provider}/${uniqueModel("fail-429")}`;
    const err = await gateway()
      .generateText({ messages: [{ role: "user", content: "hi" }], maxTokens: 10, model, cache: false })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ lastError: { name: "RateLimitError", retryAfterMs: 1000 } });
  });
});
