/**
 * One Chrome DevTools Protocol session to a V8 inspector target (workerd's, or wrangler's
 * inspector proxy in front of the Worker): calls with answers and time-outs, messages sent without
 * waiting, events. Shared by the heap probe, the CPU profiler and the heap snapshots. wrangler's
 * proxy refuses a socket without an `Origin` header, which Node's own WebSocket cannot set; `ws` can.
 */
import WebSocket from "ws";

export type InspectorTarget = { id: string; webSocketDebuggerUrl: string; origin?: string };

/** The first target behind wrangler's inspector proxy (`--inspector-port`): the main Worker. */
export async function proxyTarget(port: number): Promise<InspectorTarget> {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    id?: string;
    webSocketDebuggerUrl?: string;
  }[];
  const found = list.find((t) => t.webSocketDebuggerUrl);
  if (!found?.webSocketDebuggerUrl) throw new Error(`no inspector target on port ${port}`);
  return {
    id: found.id ?? "main",
    webSocketDebuggerUrl: found.webSocketDebuggerUrl,
    origin: `http://127.0.0.1:${port}`,
  };
}

export type Session = {
  call<T = unknown>(method: string, params?: object, timeoutMs?: number): Promise<T>;
  /** Sends without waiting for an answer. */
  send(method: string): void;
  onEvent(method: string, handler: (params: Record<string, unknown>) => void): void;
  close(): void;
};

export async function openSession(target: InspectorTarget): Promise<Session> {
  const ws = new WebSocket(target.webSocketDebuggerUrl, {
    maxPayload: 1 << 30,
    ...(target.origin ? { origin: target.origin } : {}),
  });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const handlers = new Map<string, (params: Record<string, unknown>) => void>();
  ws.on("message", (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: Record<string, unknown>;
    };
    if (message.id !== undefined) {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error) w?.reject(new Error(message.error.message));
      else w?.resolve(message.result);
    } else if (message.method) handlers.get(message.method)?.(message.params ?? {});
  });
  return {
    call: <T>(method: string, params = {}, timeoutMs = 120_000) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        const timer = setTimeout(() => reject(new Error(`inspector: no answer to ${method}`)), timeoutMs);
        waiting.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        ws.send(JSON.stringify({ id, method, params }));
      }),
    send: (method) => ws.send(JSON.stringify({ id: next++, method, params: {} })),
    onEvent: (method, handler) => handlers.set(method, handler),
    close: () => ws.close(),
  };
}
