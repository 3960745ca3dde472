/**
 * The program pipeline in workerd: a brief becomes code whose generated tests run in the
 * sandbox (Worker Loader). Offline, the first draft fails a test and the fix loop mends it;
 * with the fake upstream scripted, a model's failing draft is fixed from the test output it is
 * sent; a program that reaches for the network or loops forever is stopped and the step goes on.
 */
import { env } from "cloudflare:workers";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import type { StepContext } from "../../../workers/engine/types";
import { runStep } from "../../../workers/pipelines/define-step";
import { codeStep, MAX_FIX_ROUNDS } from "../../../workers/pipelines/program/steps/code";
import type { ProgramCode, ProgramSpec } from "../../../workers/pipelines/program/schemas";
import { api, authed, createTestKey } from "../../support/api";
import { FAKE_UPSTREAM_URL, fakeEnv } from "../../support/fake-upstream-env";
import { node, review, waitForGate } from "../../support/review-gates";
import { getRun, isFinished, startRun, waitForRun } from "../../support/workflows";

const BRIEF =
  "A command-line helper that reads a blog post and suggests a URL slug and the five most frequent words. It should work for English and Japanese text.";

describe("program pipeline, offline", () => {
  it(
    "auto mode: spec → code; the sandbox runs the tests, the fix loop mends the failing one; files, report and export",
    { timeout: 120_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(key, {
        pipeline: "program",
        input: { brief: BRIEF },
        options: { mode: "auto" },
      });
      const run = await waitForRun(key, id, isFinished, 90_000);
      expect(run.status, JSON.stringify(run.failures)).toBe("completed");

      const code = (await node(key, id, "code")).output as ProgramCode;
      expect(code.status).toBe("passing");
      expect(code.rounds.map((r) => [r.round, r.outcome, r.failed])).toEqual([
        [1, "failed", 1],
        [2, "ok", 0],
      ]);
      expect(code.rounds[1]!.changed).toEqual(["lib/text.js"]);
      expect(code.rounds[1]!.diff).toContain('+    .replace(/^-+|-+$/g, "")');
      expect(code.report.results.map((r) => r.status)).toEqual(["passed", "passed", "passed", "passed"]);
      expect(code.report.results[0]!.name).toBe("counts the words of the brief's first sentence");

      const zip = unzipSync(
        new Uint8Array(await (await api(`/v1/workflows/${id}/export.zip`, authed(key))).arrayBuffer()),
      );
      expect(strFromU8(zip["program/v1/lib/text.js"]!)).toContain("export function slugify");
      const report = JSON.parse(strFromU8(zip["program/v1/test-report.json"]!)) as {
        outcome: string;
        rounds: number;
      };
      expect(report).toMatchObject({ outcome: "ok", rounds: 2 });

      const other = await createTestKey();
      expect((await api(`/v1/workflows/${id}`, authed(other.key))).status).toBe(404);
    },
  );

  it("dialog mode waits at each gate; a person's edit is a new version", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, { pipeline: "program", input: { brief: BRIEF, title: "Slugger" } });
    await waitForGate(key, id, "spec/review");
    const spec = (await node(key, id, "spec")).output as ProgramSpec;
    expect(spec.title).toBe("Text toolkit: Slugger");
    expect((await node(key, id, "code")).status).toBe("pending");

    expect((await review(key, id, "spec/review", { action: "approve" })).status).toBe(200);
    await waitForGate(key, id, "code/review");
    expect((await getRun(key, id)).status).not.toBe("completed");

    // An edit (a person's own fix) is a new version; the run keeps it as the code.
    const v1 = (await node(key, id, "code")).output as ProgramCode;
    const edited = {
      ...v1,
      files: v1.files.map((f) =>
        f.path === "lib/text.js" ? { ...f, content: `${f.content}\nexport const VERSION = 2;\n` } : f,
      ),
    };
    expect((await review(key, id, "code/review", { action: "edit", output: edited })).status).toBe(200);
    const after = await node(key, id, "code");
    expect(after.version).toBe(2);
    expect((after.output as ProgramCode).files[0]!.content).toContain("VERSION = 2");
    expect((await getRun(key, id)).status).not.toBe("completed"); // the gate waits for an approve

    expect((await review(key, id, "code/review", { action: "approve" })).status).toBe(200);
    expect((await waitForRun(key, id, isFinished, 60_000)).status).toBe("completed");
  }, 120_000);
});

/** The code step run directly against the fake upstream (OpenAI wire format), its replies scripted. */
async function codeStepWithScript(replies: unknown[]): Promise<ProgramCode> {
  const script = crypto.randomUUID();
  await fetch(`${FAKE_UPSTREAM_URL}/__script/${script}`, {
    method: "POST",
    body: JSON.stringify({ replies: replies.map((r) => JSON.stringify(r)) }),
  });
  const spec: ProgramSpec = {
    title: "Adder",
    summary: `Adds numbers. SCRIPT:${script}`,
    modules: [
      {
        path: "lib/add.js",
        purpose: "adding",
        exports: [{ name: "add", signature: "add(a, b)", description: "sum" }],
      },
    ],
    behaviours: ["adds"],
    assumptions: [],
    sources: [],
  };
  const ctx: StepContext = {
    env: fakeEnv(["openai"]) as Env,
    run: {
      id: `wf_${crypto.randomUUID().replace(/-/g, "")}`,
      tenantId: crypto.randomUUID(),
      pipeline: "program",
      options: {
        concurrency: 1,
        maxAttempts: 1,
        leaseMs: 120_000,
        retryBaseMs: 10,
        failurePolicy: "continue",
        mode: "auto",
        providers: ["openai"],
      },
    },
    node: { id: "code", handler: "code", input: { brief: "Adds numbers." }, attempt: 1, version: 1 },
    readOutput: async () => spec,
    readRevisedOutput: async () => null,
    signal: new AbortController().signal,
  };
  const result = await runStep(codeStep, ctx);
  expect(result.usage?.provider).toBe("openai");
  return result.output as ProgramCode;
}

const testFile = (body: string) => ({
  path: "test/add.test.js",
  content: `import { test, assert } from "../testkit.js";\nimport * as m from "../lib/add.js";\n${body}`,
});
const ADD_TESTS = testFile(`test("adds", () => assert.equal(m.add(2, 3), 5));`);

describe("program fix loop with a scripted model", () => {
  it("a failing test is fixed by the loop: the model is sent the failure and answers the fix", async () => {
    const code = await codeStepWithScript([
      {
        files: [{ path: "lib/add.js", content: "export const add = (a, b) => a - b;" }, ADD_TESTS],
        notes: "draft",
      },
      {
        files: [{ path: "lib/add.js", content: "export const add = (a, b) => a + b;" }, ADD_TESTS],
        notes: "fixed",
      },
    ]);
    expect(code.status).toBe("passing");
    expect(code.rounds.map((r) => r.outcome)).toEqual(["failed", "ok"]);
    expect(code.rounds[1]!.diff).toContain("+export const add = (a, b) => a + b;");
    expect(code.notes).toBe("fixed");
  });

  it("network access and an endless loop are stopped with a clear result; the step still finishes after the bounded rounds", async () => {
    const hostile = {
      files: [
        {
          path: "lib/add.js",
          content: `export const add = (a, b) => a + b;
export async function phoneHome() { return (await fetch("https://example.com/")).status; }
export function spin() { for (;;) {} }`,
        },
        testFile(`test("adds", () => assert.equal(m.add(2, 3), 5));
test("phones home", async () => { await m.phoneHome(); });
test("spins", () => m.spin());`),
      ],
      notes: "hostile",
    };
    const code = await codeStepWithScript(Array.from({ length: 1 + MAX_FIX_ROUNDS }, () => hostile));
    expect(code.status).toBe("failing");
    expect(code.rounds).toHaveLength(1 + MAX_FIX_ROUNDS);
    const status = Object.fromEntries(code.report.results.map((r) => [r.name, r.status]));
    expect(status).toEqual({ adds: "passed", "phones home": "network_refused", spins: "timeout" });
    expect(env.LOADER).toBeDefined();
  });
});
