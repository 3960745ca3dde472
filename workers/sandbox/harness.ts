/**
 * The modules the sandbox adds next to the generated ones: a tiny test kit the generated tests
 * import (`test`, `assert`), the loop guard, and the main module that runs every test file in
 * turn and answers with one JSON report. They run inside the loaded isolate, never in the Worker.
 */
import { GUARD_MODULE, GUARD_PREFIX } from "./guard-names";

export const TESTKIT_MODULE = "testkit.js";
export const HARNESS_MODULE = "__harness.js";

/** Thrown by the guard; the harness reports the test as `timeout`. */
export const LOOP_LIMIT_ERROR = "SandboxTimeout";

const guardSource = `
let count = 0;
let limit = 0;
export function ${GUARD_PREFIX}LoopGuard() {
  if (++count > limit) {
    const err = new Error("stopped: more than " + limit + " loop iterations (an endless loop?)");
    err.name = "${LOOP_LIMIT_ERROR}";
    throw err;
  }
}
export function ${GUARD_PREFIX}ResetGuard(max) { count = 0; limit = max; }
`;

const testkitSource = `
export const registered = [];
let currentFile = "";
export function ${GUARD_PREFIX}SetFile(file) { currentFile = file; }
export function test(name, fn) { registered.push({ name: String(name), fn, file: currentFile }); }
const show = (v) => { try { return JSON.stringify(v); } catch { return String(v); } };
function fail(message, fallback) { const e = new Error(message || fallback); e.name = "AssertionError"; throw e; }
export const assert = {
  ok(value, message) { if (!value) fail(message, "expected a truthy value, got " + show(value)); },
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) fail(message, "expected " + show(expected) + ", got " + show(actual));
  },
  deepEqual(actual, expected, message) {
    if (show(actual) !== show(expected)) fail(message, "expected " + show(expected) + ", got " + show(actual));
  },
  throws(fn, message) {
    try { fn(); } catch { return; }
    fail(message, "expected the function to throw");
  },
  async rejects(promise, message) {
    try { await (typeof promise === "function" ? promise() : promise); } catch { return; }
    fail(message, "expected a rejection");
  },
};
`;

/** The main module: imports each test file (a file that fails to load fails only its own entry). */
export function harnessSource(
  testFiles: string[],
  limits: { loopIterations: number; testTimeoutMs: number },
): string {
  return `
import { ${GUARD_PREFIX}ResetGuard } from "./${GUARD_MODULE}";
import { registered, ${GUARD_PREFIX}SetFile } from "./${TESTKIT_MODULE}";
const FILES = ${JSON.stringify(testFiles)};
const LOADERS = { ${testFiles.map((f) => `${JSON.stringify(f)}: () => import(${JSON.stringify(`./${f}`)})`).join(", ")} };
const NETWORK = /not permitted to access the internet|Network connection lost|fetch.*(refused|disallowed)/i;
function statusOf(err) {
  if (err && err.name === "${LOOP_LIMIT_ERROR}") return "timeout";
  if (err && NETWORK.test(String(err.message))) return "network_refused";
  return "failed";
}
const describe = (err) => (err && err.name ? err.name + ": " : "") + (err && err.message !== undefined ? err.message : String(err));
async function capture(logs, fn) {
  const original = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  for (const level of Object.keys(original))
    console[level] = (...args) => logs.push(args.map((a) => typeof a === "string" ? a : JSON.stringify(a)).join(" "));
  try { return await fn(); } finally { Object.assign(console, original); }
}
function withTimeout(promise, ms) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => {
    const e = new Error("stopped: the test did not finish within " + ms + " ms"); e.name = "${LOOP_LIMIT_ERROR}"; reject(e);
  }, ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
export default {
  async fetch() {
    const results = [];
    for (const file of FILES) {
      const logs = [];
      const before = registered.length;
      ${GUARD_PREFIX}SetFile(file);
      ${GUARD_PREFIX}ResetGuard(${limits.loopIterations});
      try {
        await capture(logs, () => withTimeout(LOADERS[file](), ${limits.testTimeoutMs}));
      } catch (err) {
        results.push({ file, name: "(load " + file + ")", status: statusOf(err), durationMs: 0, output: [...logs, describe(err)].join("\\n").slice(0, 4000) });
        continue;
      }
      for (const t of registered.slice(before)) {
        const testLogs = [];
        ${GUARD_PREFIX}ResetGuard(${limits.loopIterations});
        const started = Date.now();
        let status = "passed";
        try {
          await capture(testLogs, () => withTimeout(Promise.resolve().then(t.fn), ${limits.testTimeoutMs}));
        } catch (err) {
          status = statusOf(err);
          testLogs.push(describe(err));
        }
        results.push({ file, name: t.name, status, durationMs: Date.now() - started, output: testLogs.join("\\n").slice(0, 4000) });
      }
    }
    return Response.json({ results });
  },
};
`;
}

export const supportModules = { [GUARD_MODULE]: guardSource, [TESTKIT_MODULE]: testkitSource };
