import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { handleError } from "../../workers/api/errors";
import {
  BudgetExceededError,
  createGateway,
  NoProviderError,
  RateLimitError,
} from "../../workers/providers/gateway";
import { fakeEnv, uniqueModel } from "../support/fake-upstream-env";

// 20 requests a minute: a full bucket of 20, then one more every 3 s (slack for a slow machine).
const limited = () => ({ ...fakeEnv(["anthropic"]), GATEWAY_PROVIDER_LIMITS: '{"anthropic":{"rpm":20}}' });
const ask = {
  messages: [{ role: "user" as const, content: "REPLY: ok" }],
  maxTokens: 5,
  cache: false as const,
};

describe("provider token buckets", () => {
  it("makes a step wait for a token within its deadline, and a direct caller fall through", async () => {
    const model = `anthropic/${uniqueModel("ok")}`;
    const step = createGateway(limited(), { tenantId: "t-rl" });
    await Promise.all(Array.from({ length: 20 }, () => step.generateText({ ...ask, model })));

    // On a slow machine the 20 calls outlast a refill (one token per 3 s) and a direct call may
    // still find a token: drain those, then the next direct call must be refused, not wait.
    const direct = createGateway(limited(), { tenantId: "t-rl", waitForRateLimit: false });
    let refused: unknown;
    for (let attempt = 0; attempt < 5 && !refused; attempt++) {
      refused = await direct.generateText({ ...ask, model }).then(
        () => undefined,
        (e: unknown) => e,
      );
    }
    const refusedAt = Date.now();
    expect(refused).toBeInstanceOf(NoProviderError);
    const limit = (refused as NoProviderError).lastError as RateLimitError;
    expect(limit).toBeInstanceOf(RateLimitError);
    expect(limit.retryAfterMs).toBeGreaterThan(0);

    // A step is not refused: it waits for the token the refusal said was next (up to 3 s away).
    const waited = await step.generateText({ ...ask, model });
    expect(waited.text).toBe("ok");
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(Number(limit.retryAfterMs) - 50);
  });
});

describe("gateway errors over HTTP", () => {
  const app = new Hono()
    .get("/:case", (c) => {
      const errors: Record<string, Error> = {
        rate: new NoProviderError(
          "all failed",
          [],
          new RateLimitError("slow down", 2500, { provider: "openai" }),
        ),
        budget: new BudgetExceededError("over", "run", 1, 0.1),
      };
      // Thrown as they are: the API's onError maps gateway errors itself.
      throw errors[c.req.param("case")];
    })
    .onError(handleError);

  it("maps a rate limit to 429 with Retry-After", async () => {
    const res = await app.request("/rate");
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("3");
    expect(await res.json()).toMatchObject({
      error: { code: "rate_limited", details: { provider: "openai", attempts: [] } },
    });
  });

  it("maps an exhausted budget to 402 with its figures", async () => {
    const res = await app.request("/budget");
    expect(res.status).toBe(402);
    expect(await res.json()).toMatchObject({
      error: { code: "budget_exceeded", details: { scope: "run", limitUsd: 1, remainingUsd: 0.1 } },
    });
  });
});
