/**
 * The logs of real work — a workflow run, a chat completion, a provider that refuses its key —
 * carry their ids and never the API key, a provider key or the user's text.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createGateway } from "../../workers/providers/gateway";
import { api, authed, createTestKey, jsonBody } from "../support/api";
import { fakeEnv, uniqueModel } from "../support/fake-upstream-env";
import { aiUrl, isFinished, post, startRun, waitForRun } from "../support/workflows";

const STORY = "The lighthouse keeper counted every wave that broke against the rocks of Kestrel Point.";

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

const parsed = () =>
  lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);

describe("structured logs", () => {
  it("follow a request by the id it came with, and a run by its ids", async () => {
    const { key, tenantId } = await createTestKey();
    const res = await api(
      "/v1/chat/completions",
      authed(key, {
        ...jsonBody({ model: "offline", messages: [{ role: "user", content: STORY }] }),
        headers: {
          "X-Request-Id": "trace-me-42",
          "Content-Type": "application/json",
          Authorization: `Bearer ${key}`,
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Request-Id")).toBe("trace-me-42");
    const id = await startRun(key, {
      pipeline: "phases",
      input: { text: STORY, phases: ["concept"], aiUrl: aiUrl() },
    });
    await vi.waitFor(
      async () => {
        const gate = await api(`/v1/workflows/${id}/nodes/concept/review`, authed(key));
        expect((await gate.json<{ status: string }>()).status).toBe("waiting");
      },
      { timeout: 15_000, interval: 50 },
    );
    await post(key, `/v1/workflows/${id}/reviews/concept/review`, { action: "approve" });
    await waitForRun(key, id, isFinished, 20_000);

    const all = parsed();
    expect(all).toContainEqual(
      expect.objectContaining({
        level: "info",
        msg: "request",
        requestId: "trace-me-42",
        tenantId,
        route: "/v1/chat/completions",
        status: 200,
      }),
    );
    expect(all).toContainEqual(
      expect.objectContaining({ msg: "provider call", tenantId, provider: "offline", outcome: "ok" }),
    );
    const steps = all.filter((l) => l.msg === "step" && l.runId === id);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps)
      expect(step).toMatchObject({ tenantId, nodeId: expect.any(String), durationMs: expect.any(Number) });

    const text = lines.join("\n");
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(4));
    expect(text).not.toContain("lighthouse keeper");
  });

  it("never carry a provider key, even when the provider refuses it", async () => {
    const env = fakeEnv(["openai"]);
    const gateway = createGateway(env, { tenantId: "t-logs", retry: { maxAttempts: 1 } });
    await expect(
      gateway.generateText({
        model: `openai/${uniqueModel("auth")}`,
        messages: [{ role: "user", content: STORY }],
        maxTokens: 20,
        cache: false,
      }),
    ).rejects.toThrow();
    const text = lines.join("\n");
    expect(parsed()).toContainEqual(
      expect.objectContaining({ msg: "provider call", provider: "openai", outcome: "auth" }),
    );
    expect(text).not.toContain(env.OPENAI_API_KEY!);
    expect(text).not.toContain("lighthouse keeper");
  });
});
