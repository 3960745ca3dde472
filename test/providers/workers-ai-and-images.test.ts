import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { WorkersAiAdapter, type WorkersAiRunner } from "../../workers/providers/adapters/workers-ai";
import { createGateway } from "../../workers/providers/gateway";
import { FAKE_PNG_BASE64 } from "../support/fake-upstream";
import { fakeEnv, uniqueModel } from "../support/fake-upstream-env";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Stands in for the remote-only AI binding: the same run() shape, answering like Workers AI. */
function runner(calls: { model: string; inputs: Record<string, unknown> }[]): WorkersAiRunner {
  return {
    async run(model, inputs) {
      calls.push({ model, inputs });
      if (model.includes("flux")) return { image: FAKE_PNG_BASE64 };
      if (inputs.stream) {
        const body =
          'data: {"response":"hi "}\n\ndata: {"response":"there"}\n\ndata: {"response":"","usage":{"prompt_tokens":3,"completion_tokens":2}}\n\ndata: [DONE]\n\n';
        return new Response(body).body;
      }
      return { response: "workers ai answer", usage: { prompt_tokens: 3, completion_tokens: 3 } };
    },
  };
}

describe("Workers AI adapter", () => {
  it("reports not configured without the binding (local dev)", () => {
    expect(new WorkersAiAdapter(undefined).configured).toBe(false);
    expect(env.AI).toBeUndefined();
  });

  it("generates, streams and makes images through a run()-shaped binding", async () => {
    const calls: { model: string; inputs: Record<string, unknown> }[] = [];
    const gw = createGateway(env, {
      tenantId: "t-wai",
      adapters: { "workers-ai": new WorkersAiAdapter(runner(calls)) },
    });
    const out = await gw.generateText({
      system: "be brief",
      messages: [{ role: "user", content: "hello" }],
      maxTokens: 20,
      cache: false,
    });
    expect(out).toMatchObject({
      provider: "workers-ai",
      text: "workers ai answer",
      usage: { tokensIn: 3, tokensOut: 3 },
    });
    expect(calls[0]?.inputs.messages).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "hello" },
    ]);

    const stream = await gw.streamText({ messages: [{ role: "user", content: "hello" }], maxTokens: 20 });
    let text = "";
    for await (const piece of stream.chunks) text += piece;
    expect(text).toBe("hi there");

    const image = await gw.generateImage({ prompt: "a cat" });
    expect(image.provider).toBe("workers-ai");
    expect([...image.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
  });
});

describe("images", () => {
  it("renders a labelled offline placeholder PNG with resvg when nothing is configured", async () => {
    const out = await createGateway(env, { tenantId: "t-img" }).generateImage({
      prompt: "a lighthouse",
      width: 320,
      height: 200,
    });
    expect(out.provider).toBe("offline");
    expect(out.contentType).toBe("image/png");
    expect([...out.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    // IHDR width and height (big-endian) at bytes 16..23.
    const view = new DataView(out.bytes.buffer, out.bytes.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([320, 200]);
  });

  it.each(["openai", "gemini"] as const)("generates an image through the %s SDK", async (provider) => {
    const out = await createGateway(fakeEnv([provider]), { tenantId: "t-img" }).generateImage({
      prompt: "a cat",
      model: `${provider}/${uniqueModel("ok")}`,
    });
    expect(out.provider).toBe(provider);
    expect([...out.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(out.usage.costUsd).toBeGreaterThan(0);
  });
});
