/**
 * Loop guards for generated code. workerd enforces a loaded isolate's `limits.cpuMs` only on
 * Cloudflare's network: locally (wrangler dev, the tests) a `while (true) {}` in a sandboxed
 * module would block the whole runtime, parent Worker included (checked: every later request
 * hung). So before loading, every loop body gets a call to a counter that throws once a test has
 * run too many iterations. The count is of iterations, not milliseconds, because an isolate's
 * clock does not move during synchronous code (Workers' timing side-channel defence).
 *
 * The generated code cannot route around the guard: the loaded isolate refuses `eval` and
 * `new Function` ("Code generation from strings disallowed"), so all code it runs was parsed here.
 */
import type { Node } from "acorn";
import { GUARD_MODULE, GUARD_PREFIX, GuardParseError, relativeTo } from "./guard-names";

export { GUARD_MODULE, GUARD_PREFIX, GuardParseError, relativeTo };
const GUARD_CALL = `${GUARD_PREFIX}LoopGuard();`;

const LOOPS = new Set([
  "ForStatement",
  "WhileStatement",
  "DoWhileStatement",
  "ForInStatement",
  "ForOfStatement",
]);

type Insert = { at: number; text: string };
type LoopNode = Node & { body: Node };

function collectLoops(node: unknown, out: LoopNode[]): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const child of node) collectLoops(child, out);
    return;
  }
  const n = node as Node & Record<string, unknown>;
  if (typeof n.type !== "string") return;
  if (LOOPS.has(n.type)) out.push(n as unknown as LoopNode);
  for (const key of Object.keys(n)) if (key !== "loc") collectLoops(n[key], out);
}

/**
 * `source` with a guard call at the top of every loop body and the guard imported on its first
 * line (so line numbers in error messages stay those of the generated file).
 *
 * @example
 * await guardLoops("while (x) y();", "lib/a.js")
 * // → 'import { __tsumugiLoopGuard } from "../__guard.js";while (x) {__tsumugiLoopGuard();y();}'
 */
export async function guardLoops(source: string, modulePath: string): Promise<string> {
  // acorn loads on first use: only the program pipeline's sandbox needs it.
  const { parse } = await import("acorn");
  let ast: Node;
  try {
    ast = parse(source, { ecmaVersion: "latest", sourceType: "module" });
  } catch (err) {
    throw new GuardParseError(`${modulePath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const loops: LoopNode[] = [];
  collectLoops(ast, loops);
  const inserts: Insert[] = [];
  for (const loop of loops) {
    const body = loop.body;
    if (body.type === "BlockStatement") inserts.push({ at: body.start + 1, text: GUARD_CALL });
    else {
      inserts.push({ at: body.start, text: `{${GUARD_CALL}` });
      inserts.push({ at: body.end, text: "}" });
    }
  }
  // From the end backwards, so earlier positions stay valid.
  inserts.sort((a, b) => b.at - a.at);
  let out = source;
  for (const { at, text } of inserts) out = out.slice(0, at) + text + out.slice(at);
  return `import { ${GUARD_PREFIX}LoopGuard } from "${relativeTo(modulePath, GUARD_MODULE)}";${out}`;
}
