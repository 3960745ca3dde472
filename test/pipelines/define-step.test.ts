/** workers/pipelines/define-step.ts: the three places a step's data is checked. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FatalStepError, type StepContext } from "../../workers/engine/types";
import { isRetryableStepError } from "../../workers/engine/retry-policy";
import { defineStep, runStep, StepContractError } from "../../workers/pipelines/define-step";

const producer = defineStep({
  input: z.object({}),
  output: z.strictObject({ text: z.string(), tags: z.array(z.string()).default([]) }),
  run: async () => ({ output: { text: "made" } }),
});

const consumer = defineStep({
  input: z.object({ from: z.string(), times: z.number().int().min(1) }),
  output: z.object({ text: z.string() }),
  run: async (ctx) => {
    const before = await ctx.outputOf(producer, ctx.node.input.from);
    return { output: { text: before.text.repeat(ctx.node.input.times), tags: before.tags } };
  },
});

function context(input: unknown, outputs: Record<string, unknown> = {}): StepContext {
  return {
    env,
    run: {
      id: "run_1",
      tenantId: "t",
      pipeline: "test",
      options: {
        concurrency: 1,
        maxAttempts: 3,
        leaseMs: 1000,
        retryBaseMs: 10,
        failurePolicy: "continue",
        mode: "dialog",
      },
    },
    node: { id: "b", handler: "consumer", input, attempt: 1, version: 1 },
    readOutput: async (nodeId) => outputs[nodeId],
    readRevisedOutput: async () => null,
    signal: new AbortController().signal,
  };
}

async function failure(promise: Promise<unknown>): Promise<StepContractError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StepContractError);
  return err as StepContractError;
}

describe("runStep", () => {
  it("parses the input, the dependency's output and the result", async () => {
    const result = await runStep(consumer, context({ from: "a", times: 2 }, { a: { text: "x" } }));
    // The producer's default applied on read; the consumer's schema stripped `tags` on write.
    expect(result.output).toEqual({ text: "xx" });
    expect((await runStep(producer, context({}))).output).toEqual({ text: "made", tags: [] });
  });

  it("refuses an input that does not match, naming each field, before the handler runs", async () => {
    let ran = false;
    const step = defineStep({
      input: z.object({ n: z.number(), nested: z.object({ s: z.string() }) }),
      output: z.null(),
      run: async () => {
        ran = true;
        return { output: null };
      },
    });
    const err = await failure(runStep(step, context({ n: "1", nested: { s: 2 } })));
    expect(err.issues.map((i) => i.path)).toEqual(["n", "nested.s"]);
    expect(err.message).toContain(`input of "b" does not match step "consumer"`);
    expect(err.message).toContain("nested.s");
    expect(ran).toBe(false);
    expect(err).toBeInstanceOf(FatalStepError);
    expect(isRetryableStepError(err)).toBe(false);
  });

  it("refuses a dependency output that does not match its producer's schema", async () => {
    const err = await failure(runStep(consumer, context({ from: "a", times: 1 }, { a: { text: 5 } })));
    expect(err.message).toContain(`output of "a"`);
    expect(err.issues.map((i) => i.path)).toEqual(["text"]);
  });

  it("refuses to store an output that does not match the step", async () => {
    const step = defineStep({
      input: z.object({}),
      output: z.object({ count: z.number().int() }),
      // A handler bug the types would catch is still caught at run time if it slips through.
      run: async () => ({ output: JSON.parse('{"count":"3"}') as { count: number } }),
    });
    const err = await failure(runStep(step, context({})));
    expect(err.message).toContain(`output of "b" does not match step "consumer"`);
    expect(err.issues.map((i) => i.path)).toEqual(["count"]);
  });
});
