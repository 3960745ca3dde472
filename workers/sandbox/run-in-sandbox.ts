/**
 * Runs a generated program's tests in a fresh isolate loaded with the Worker Loader binding
 * (`env.LOADER`): the generated modules plus the test kit and harness (harness.ts), no bindings
 * (`env` is empty), no network (`globalOutbound: null`: `fetch()` throws), a CPU and a
 * subrequest limit (enforced on Cloudflare; locally the loop guard and the clocks below stop
 * runaway code). Nothing generated ever runs in the Worker's own isolate.
 */
import { HARNESS_MODULE, harnessSource, supportModules, TESTKIT_MODULE } from "./harness";
import { GUARD_MODULE, GUARD_PREFIX } from "./guard-names";
import { guardLoops } from "./loop-guard-remote";
import { sandboxReportSchema, type SandboxReport } from "./report";

export type SandboxFile = { path: string; content: string };

export const SANDBOX_LIMITS = {
  /** CPU per sandbox call (Cloudflare enforces it; workerd locally does not). */
  cpuMs: 2_000,
  /** No subrequests at all: the program has no network and no bindings to call. */
  subRequests: 0,
  /** Loop iterations per test before the guard stops it. */
  loopIterations: 10_000_000,
  /** Per test (async code waiting forever), measured inside the sandbox. */
  testTimeoutMs: 2_000,
  /** The whole call, measured in the Worker: a last resort if the sandbox never answers. */
  totalTimeoutMs: 20_000,
};

const COMPATIBILITY_DATE = "2026-11-01";
const RESERVED = new Set([HARNESS_MODULE, TESTKIT_MODULE, GUARD_MODULE]);

const errorReport = (message: string, durationMs: number): SandboxReport => ({
  outcome: "error",
  passed: 0,
  failed: 0,
  results: [],
  durationMs,
  error: message,
});

/**
 * @example
 * const report = await runTestsInSandbox(env.LOADER, [
 *   { path: "lib/add.js", content: "export const add = (a, b) => a + b;" },
 *   { path: "test/add.test.js", content: 'import { test, assert } from "../testkit.js"; …' },
 * ]);
 * report.outcome; // "ok" | "failed" | "error"
 */
export async function runTestsInSandbox(loader: WorkerLoader, files: SandboxFile[]): Promise<SandboxReport> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const clash = files.find((f) => RESERVED.has(f.path) || f.content.includes(GUARD_PREFIX));
  if (clash)
    return errorReport(`${clash.path}: uses a name reserved for the sandbox (${GUARD_PREFIX}…)`, elapsed());
  const modules: Record<string, string> = { ...supportModules };
  try {
    for (const file of files) modules[file.path] = await guardLoops(file.content, file.path);
  } catch (err) {
    return errorReport(err instanceof Error ? `${err.name}: ${err.message}` : String(err), elapsed());
  }
  const testFiles = files.map((f) => f.path).filter((p) => p.endsWith(".test.js"));
  if (testFiles.length === 0) return errorReport("the program has no test files (test/*.test.js)", elapsed());
  modules[HARNESS_MODULE] = harnessSource(testFiles, SANDBOX_LIMITS);

  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const worker = loader.load({
      compatibilityDate: COMPATIBILITY_DATE,
      mainModule: HARNESS_MODULE,
      modules,
      env: {},
      globalOutbound: null,
      limits: { cpuMs: SANDBOX_LIMITS.cpuMs, subRequests: SANDBOX_LIMITS.subRequests },
    });
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the sandbox did not answer within ${SANDBOX_LIMITS.totalTimeoutMs} ms`)),
        SANDBOX_LIMITS.totalTimeoutMs,
      );
    });
    const res = await Promise.race([worker.getEntrypoint().fetch("https://sandbox.invalid/run"), late]);
    const body = sandboxReportSchema.pick({ results: true }).safeParse(await res.json());
    if (!body.success) return errorReport(`the sandbox answered ${res.status} without a report`, elapsed());
    const results = body.data.results;
    const passed = results.filter((r) => r.status === "passed").length;
    return {
      outcome: passed === results.length && results.length > 0 ? "ok" : "failed",
      passed,
      failed: results.length - passed,
      results,
      durationMs: elapsed(),
    };
  } catch (err) {
    // The isolate itself failed: a module that does not link, a limit hit on Cloudflare.
    return errorReport(err instanceof Error ? err.message : String(err), elapsed());
  } finally {
    clearTimeout(timer);
  }
}
