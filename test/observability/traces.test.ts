/**
 * One trace id from the HTTP request to the provider: the caller's W3C `traceparent` (or a new
 * trace) comes back on the response, is on the request's log lines, and reaches the provider in
 * a `traceparent` of its own span — for a chat completion and for the steps of a run it starts.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, authed, createTestKey, jsonBody } from "../support/api";
import { createGateway } from "../../workers/providers/gateway";
import { FAKE_UPSTREAM_URL, fakeEnv, upstreamTraceparents, uniqueModel } from "../support/fake-upstream-env";
import { aiUrl, post } from "../support/workflows";

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const hex = (chars: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(chars / 2)), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );

/** A caller's trace: its trace id and the span it calls from. */
function incoming() {
  const traceId = hex(32);
  const parentId = hex(16);
  return { traceId, parentId, header: `00-${traceId}-${parentId}-01` };
}

function parts(header: string | null | undefined): { traceId: string; spanId: string } {
  const match = TRACEPARENT.exec(header ?? "");
  if (!match) throw new Error(`not a traceparent: ${header}`);
  return { traceId: match[1]!, spanId: match[2]! };
}

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  for (const method of ["log", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

const logged = () =>
  lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);

/**
 * Points the Worker's OpenAI provider at the fake upstream while `fn` runs. The queue consumer
 * and the run objects read this same env, so a run's steps reach the fake too.
 */
async function withOpenAiAtFake<T>(fn: () => Promise<T>): Promise<T> {
  const vars = env as unknown as Record<string, string | undefined>;
  const saved = { key: vars.OPENAI_API_KEY, url: vars.OPENAI_BASE_URL };
  vars.OPENAI_API_KEY = "sk-test";
  vars.OPENAI_BASE_URL = `${FAKE_UPSTREAM_URL}/v1`;
  try {
    return await fn();
  } finally {
    vars.OPENAI_API_KEY = saved.key;
    vars.OPENAI_BASE_URL = saved.url;
  }
}

describe("traces", () => {
  it("carry the caller's trace id from the request to the provider, in a span of their own", async () => {
    const { key } = await createTestKey();
    const caller = incoming();
    const model = uniqueModel("ok");
    const res = await withOpenAiAtFake(() =>
      api(
        "/v1/chat/completions",
        authed(key, {
          ...jsonBody({ model: `openai/${model}`, messages: [{ role: "user", content: "hi" }] }),
          headers: { "Content-Type": "application/json", traceparent: caller.header },
        }),
      ),
    );
    expect(res.status).toBe(200);
    expect((await res.json<{ tsumugi: { provider: string } }>()).tsumugi.provider).toBe("openai");

    // The response: the same trace, the Worker's own span.
    const answered = parts(res.headers.get("traceparent"));
    expect(answered.traceId).toBe(caller.traceId);
    expect(answered.spanId).not.toBe(caller.parentId);
    expect(res.headers.get("X-Trace-Id")).toBe(caller.traceId);

    // The provider (through the official OpenAI SDK): the same trace, a new span.
    const received = await upstreamTraceparents(model);
    expect(received).toHaveLength(1);
    const sent = parts(received[0]);
    expect(sent.traceId).toBe(caller.traceId);
    expect(sent.spanId).not.toBe(caller.parentId);
    expect(sent.spanId).not.toBe(answered.spanId);

    // The logs: the request line and the provider call line carry it.
    expect(logged()).toContainEqual(
      expect.objectContaining({ msg: "request", route: "/v1/chat/completions", traceId: caller.traceId }),
    );
    expect(logged()).toContainEqual(
      expect.objectContaining({ msg: "provider call", provider: "openai", traceId: caller.traceId }),
    );
  });

  it("reach every provider SDK, for text, streams and images, with a new span per request", async () => {
    const traceId = hex(32);
    const gateway = createGateway(fakeEnv(), { tenantId: "t-traces", traceId, retry: { maxAttempts: 1 } });
    for (const provider of ["openai", "anthropic", "gemini"] as const) {
      const model = uniqueModel("ok");
      const messages = [{ role: "user" as const, content: "hi" }];
      await gateway.generateText({ model: `${provider}/${model}`, messages, maxTokens: 20, cache: false });
      const stream = await gateway.streamText({ model: `${provider}/${model}`, messages, maxTokens: 20 });
      for await (const chunk of stream.chunks) void chunk;
      const received = await upstreamTraceparents(model);
      expect(received, provider).toHaveLength(2);
      const spans = received.map((h) => parts(h));
      for (const span of spans) expect(span.traceId, provider).toBe(traceId);
      expect(spans[0]!.spanId).not.toBe(spans[1]!.spanId);
    }
    const imageModel = uniqueModel("ok");
    await gateway.generateImage({ prompt: "a lighthouse", model: `openai/${imageModel}` });
    expect((await upstreamTraceparents(imageModel)).map((h) => parts(h).traceId)).toEqual([traceId]);
  });

  it("start a new trace when the caller sends none or a malformed one, never an error", async () => {
    const { key } = await createTestKey();
    const seen = new Set<string>();
    for (const header of [
      undefined,
      "garbage",
      `00-${"0".repeat(32)}-${hex(16)}-01`, // all-zero trace id: invalid
      `00-${hex(32)}-${hex(8)}-01`, // parent id too short
      `00-${hex(32).toUpperCase()}-${hex(16)}-01`, // uppercase hex: not allowed by the spec
      `01-${hex(32)}-${hex(16)}-01-extra`, // a version we do not know
    ]) {
      const res = await api("/v1/models", authed(key, header ? { headers: { traceparent: header } } : {}));
      expect(res.status).toBe(200);
      const answered = parts(res.headers.get("traceparent"));
      expect(answered.traceId).not.toMatch(/^0+$/);
      expect((header ?? "").toLowerCase()).not.toContain(answered.traceId);
      expect(res.headers.get("X-Trace-Id")).toBe(answered.traceId);
      seen.add(answered.traceId);
    }
    expect(seen.size).toBe(6);
  });

  it("follow a queued task from the request that submitted it to its provider call", async () => {
    const { key } = await createTestKey();
    const caller = incoming();
    const model = uniqueModel("ok");
    await withOpenAiAtFake(async () => {
      const res = await api(
        "/v1/tasks",
        authed(key, {
          ...jsonBody({ kind: "text", input: { prompt: "Tides turn.", model: `openai/${model}` } }),
          headers: { "Content-Type": "application/json", traceparent: caller.header },
        }),
      );
      expect(res.status).toBe(202);
      await vi.waitFor(async () => expect(await upstreamTraceparents(model)).toHaveLength(1), {
        timeout: 15_000,
        interval: 50,
      });
    });
    const [sent] = await upstreamTraceparents(model);
    expect(parts(sent).traceId).toBe(caller.traceId);
    expect(parts(sent).spanId).not.toBe(caller.parentId);
  });

  it("follow a run from the request that created it through its steps to their provider calls", async () => {
    const { key } = await createTestKey();
    const caller = incoming();
    await withOpenAiAtFake(async () => {
      // Auto mode: a critic step answers the review gate through the gateway (OpenAI, at the fake).
      const res = await api(
        "/v1/workflows",
        authed(key, {
          ...jsonBody({
            pipeline: "phases",
            input: { text: "A short story about tides.", phases: ["concept"], aiUrl: aiUrl() },
            options: { mode: "auto", providers: ["openai"] },
          }),
          headers: { "Content-Type": "application/json", traceparent: caller.header },
        }),
      );
      expect(res.status).toBe(202);
      expect(parts(res.headers.get("traceparent")).traceId).toBe(caller.traceId);
      const { id } = await res.json<{ id: string }>();
      try {
        await vi.waitFor(
          async () => {
            const ours = (await upstreamTraceparents("gpt-5-mini")).filter(
              (h) => h !== null && parts(h).traceId === caller.traceId,
            );
            expect(ours.length).toBeGreaterThan(0);
            for (const h of ours) expect(parts(h).spanId).not.toBe(caller.parentId);
          },
          { timeout: 20_000, interval: 50 },
        );
      } finally {
        await post(key, `/v1/workflows/${id}/cancel`, {});
      }
      // The consumer's step lines carry the run's trace.
      const steps = logged().filter((l) => l.msg === "step" && l.runId === id);
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) expect(step.traceId).toBe(caller.traceId);
    });
  });
});
