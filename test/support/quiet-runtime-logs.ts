/**
 * Global setup: drops the few lines workerd prints for events this suite causes on purpose, so a
 * green run reads green. Each pattern says where its line comes from; any other output, and every
 * test failure, passes through untouched (vitest reports failures itself, not through these).
 * The vitest plugin already drops workerd's own list of such lines ("disconnected: …"); these are
 * the ones it misses.
 */
const EXPECTED_RUNTIME_LINES = [
  // A run object (durable-objects/workflow-run) re-arms or deletes its alarm while one is due
  // (the scheduler moves it to the next lease deadline, a finished run clears it); workerd
  // cancels the pending handler and logs it. NOSENTRY: workerd does not count it as an error.
  /^NOSENTRY SQLite alarm handler canceled with requestScheduledAlarm\./,
  // The gateway's stream tests (test/providers/router.test.ts) have the fake upstream cut a
  // response body mid-stream; workerd logs the aborted read it then reports to the Worker.
  /^exception = rust\/worker\/ffi\.rs:\d+: disconnected: HTTP body: error reading a body from connection$/,
  // Vite, loading a dependency (standardwebhooks, @google/genai) whose published source map names
  // files the package does not ship. Only node_modules paths: our own source maps must be whole.
  /^Sourcemap for "[^"]*\/node_modules\/[^"]*" points to missing source files$/,
];

function filtered(write: typeof process.stderr.write): typeof process.stderr.write {
  let dropStack = false;
  return function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk !== "string" && !(chunk instanceof Uint8Array))
      return write.call(this, chunk as string, ...(rest as []));
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const kept = text.split("\n").filter((line: string) => {
      // workerd follows such a line with the native stack of where it was logged.
      if (dropStack && line.startsWith("stack: ")) return (dropStack = false);
      dropStack = false;
      if (EXPECTED_RUNTIME_LINES.some((pattern) => pattern.test(line))) return !(dropStack = true);
      return true;
    });
    if (kept.join("\n").trim() === "" && text.trim() !== "") {
      const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }
    return write.call(this, kept.join("\n"), ...(rest as []));
  } as typeof process.stderr.write;
}

export default function setup(): void {
  process.stderr.write = filtered(process.stderr.write.bind(process.stderr));
  process.stdout.write = filtered(process.stdout.write.bind(process.stdout));
}
