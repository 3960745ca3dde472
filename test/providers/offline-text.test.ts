import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../workers/providers/gateway";

const tenantId = "tenant-offline-text";
const ask = (content: string) => [{ role: "user" as const, content }];

describe("offline provider text", () => {
  it("answers a one-line 'Label: text' message with its text (the README's chat example)", async () => {
    const out = await createGateway(env, { tenantId }).generateText({
      messages: ask("Summarise: Tsumugi spins thread."),
      maxTokens: 100,
      cache: false,
    });
    expect(out.provider).toBe("offline");
    expect(out.text).toBe("[offline] Tsumugi spins thread.");
  });

  it("still drops a prompt's labelled header lines when there is content besides them", async () => {
    const out = await createGateway(env, { tenantId }).generateText({
      messages: ask("Book: The Handbook\nAnswer with JSON: no\n\nThreads are spun from fibre."),
      maxTokens: 100,
      cache: false,
    });
    expect(out.text).toBe("[offline] Threads are spun from fibre.");
  });
});
