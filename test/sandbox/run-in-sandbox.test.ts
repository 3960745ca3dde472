/**
 * The sandbox in workerd: generated modules and their tests run in an isolate loaded with the
 * Worker Loader binding. Passing and failing tests, a program that tries the network, an endless
 * loop, a test that waits forever, code that does not parse, `new Function` — each gets a clear
 * result, and the sandbox (and the Worker) keep working after them.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runTestsInSandbox } from "../../workers/sandbox/run-in-sandbox";

const lib = (content: string) => ({ path: "lib/main.js", content });
const tests = (body: string) => ({
  path: "test/main.test.js",
  content: `import { test, assert } from "../testkit.js";\nimport * as m from "../lib/main.js";\n${body}`,
});

describe("runTestsInSandbox", () => {
  it("runs the generated tests: passed and failed, with their output", async () => {
    const report = await runTestsInSandbox(env.LOADER, [
      lib("export function add(a, b) { let s = a; for (let i = 0; i < b; i++) s++; return s; }"),
      tests(`test("adds", () => assert.equal(m.add(2, 3), 5));
test("wrong on purpose", () => { console.log("checking"); assert.equal(m.add(1, 1), 3); });`),
    ]);
    expect(report.outcome).toBe("failed");
    expect(report.passed).toBe(1);
    expect(report.results.map((r) => [r.name, r.status])).toEqual([
      ["adds", "passed"],
      ["wrong on purpose", "failed"],
    ]);
    expect(report.results[1]!.output).toContain("checking");
    expect(report.results[1]!.output).toContain("AssertionError: expected 3, got 2");
  });

  it("refuses the network and stops an endless loop; the other tests still run", async () => {
    const report = await runTestsInSandbox(env.LOADER, [
      lib(`export async function leak() { return (await fetch("https://example.com/")).status; }
export function spin() { while (true) {} }
export const wait = () => new Promise(() => {});`),
      tests(`test("network", async () => { await m.leak(); });
test("endless loop", () => { m.spin(); });
test("waits forever", async () => { await m.wait(); });
test("still runs", () => assert.ok(true));`),
    ]);
    const byName = Object.fromEntries(report.results.map((r) => [r.name, r]));
    expect(byName["network"]!.status).toBe("network_refused");
    expect(byName["network"]!.output).toMatch(/not permitted to access the internet/);
    expect(byName["endless loop"]!.status).toBe("timeout");
    expect(byName["endless loop"]!.output).toMatch(/endless loop/);
    expect(byName["waits forever"]!.status).toBe("timeout");
    expect(byName["still runs"]!.status).toBe("passed");

    // The runtime is not wedged: a fresh sandbox answers at once.
    const again = await runTestsInSandbox(env.LOADER, [
      lib("export const one = 1;"),
      tests(`test("one", () => assert.equal(m.one, 1));`),
    ]);
    expect(again.outcome).toBe("ok");
  });

  it("reports code that does not parse, and code generation from strings is refused", async () => {
    const broken = await runTestsInSandbox(env.LOADER, [lib("export function ( {"), tests("")]);
    expect(broken.outcome).toBe("error");
    expect(broken.error).toMatch(/SyntaxError: lib\/main\.js/);

    const evil = await runTestsInSandbox(env.LOADER, [
      lib(`export const run = () => new Function("return 1")();`),
      tests(`test("new Function", () => m.run());`),
    ]);
    expect(evil.results[0]!.status).toBe("failed");
    expect(evil.results[0]!.output).toMatch(/Code generation from strings disallowed/);
  });

  it("a test file that throws while loading fails its own entry only", async () => {
    const report = await runTestsInSandbox(env.LOADER, [
      lib("export const x = 1;"),
      tests(`test("fine", () => assert.equal(m.x, 1));`),
      { path: "test/bad.test.js", content: `throw new Error("boom at load");` },
    ]);
    expect(report.results.map((r) => r.status)).toEqual(["passed", "failed"]);
    expect(report.results[1]!.output).toContain("boom at load");
  });
});
