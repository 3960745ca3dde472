/**
 * The V8 heap of the Worker behind a `wrangler dev`, through its inspector (`--inspector-port`):
 * how much of workerd's memory is JavaScript objects (the isolate running the API, the queue
 * consumer and the run's Durable Object) rather than native memory such as SQLite's caches.
 * wrangler's inspector proxy refuses a socket without an `Origin` header, which Node's own
 * WebSocket cannot set; `ws` can.
 */
import WebSocket from "ws";

type Usage = { usedMb: number; totalMb: number };

/** The WebSocket address of the first inspector target on `port`. */
export async function inspectorTarget(port: number): Promise<string> {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl?: string;
  }[];
  const url = list.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  return url;
}

/** One inspector session: `heap()` reads the isolate's heap usage, after a full GC if asked. */
export async function openHeapProbe(port: number): Promise<{
  heap(options?: { gc?: boolean }): Promise<Usage>;
  close(): void;
}> {
  const ws = new WebSocket(await inspectorTarget(port), { origin: `http://127.0.0.1:${port}` });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on("message", (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  // A second inspector client (a DevTools window, say) can leave calls unanswered: give up on
  // them rather than hang the benchmark at its end.
  const call = (method: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => reject(new Error(`inspector: no answer to ${method}`)), 30_000);
      waiting.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    async heap(options = {}) {
      if (options.gc) await call("HeapProfiler.collectGarbage");
      const { usedSize, totalSize } = (await call("Runtime.getHeapUsage")) as {
        usedSize: number;
        totalSize: number;
      };
      const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
      return { usedMb: mb(usedSize), totalMb: mb(totalSize) };
    },
    close: () => ws.close(),
  };
}
