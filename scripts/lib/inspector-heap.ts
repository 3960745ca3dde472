/**
 * The V8 heap of the Worker behind a `wrangler dev`, through its inspector (`--inspector-port`):
 * how much of workerd's memory is JavaScript objects (the isolate running the API, the queue
 * consumer and the run's Durable Object) rather than native memory such as SQLite's caches.
 */
import { openSession, proxyTarget } from "./inspector-session.ts";

type Usage = { usedMb: number; totalMb: number };

/** One inspector session: `heap()` reads the isolate's heap usage, after a full GC if asked. */
export async function openHeapProbe(port: number): Promise<{
  heap(options?: { gc?: boolean }): Promise<Usage>;
  close(): void;
}> {
  const session = await openSession(await proxyTarget(port));
  // A second inspector client (a DevTools window, say) can leave calls unanswered: give up on
  // them rather than hang the benchmark at its end.
  const call = (method: string) => session.call(method, {}, 30_000);
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
    close: () => session.close(),
  };
}
