/**
 * Live connections to a run in integration tests, through the Worker's real fetch handler: a
 * WebSocket with a message inbox, and SSE frames. A connection is opened either with the key in
 * the `Authorization` header (server clients) or with a single-use ticket from
 * `POST /v1/workflows/:id/tickets` (what browsers do: no key ever goes in a URL).
 */
import { expect } from "vitest";
import { serverMessageSchema, type ServerMessage } from "../../workers/protocol/live";
import { api, authed } from "./api";

export type LiveAuth = { key: string } | { ticket: string };

/** Asks for a ticket with the key; returns it (throws unless 201). */
export async function liveTicket(key: string, runId: string): Promise<string> {
  const res = await api(`/v1/workflows/${runId}/tickets`, authed(key, { method: "POST" }));
  if (res.status !== 201) throw new Error(`ticket failed: ${res.status} ${await res.text()}`);
  return (await res.json<{ ticket: string }>()).ticket;
}

function livePath(runId: string, kind: "ws" | "events", auth: LiveAuth, since?: number): string {
  const query = new URLSearchParams();
  if ("ticket" in auth) query.set("ticket", auth.ticket);
  if (since !== undefined) query.set("since", String(since));
  const qs = query.toString();
  return `/v1/workflows/${runId}/${kind}${qs ? `?${qs}` : ""}`;
}

function liveInit(auth: LiveAuth, init: RequestInit = {}): RequestInit {
  return "key" in auth ? authed(auth.key, init) : init;
}

export type LiveSocket = Awaited<ReturnType<typeof connectSocket>>;

/** Opens a run's WebSocket (expects 101) and collects what it receives. */
export async function connectSocket(runId: string, auth: LiveAuth, since?: number) {
  const res = await api(
    livePath(runId, "ws", auth, since),
    liveInit(auth, { headers: { Upgrade: "websocket" } }),
  );
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const inbox: ServerMessage[] = [];
  let closed: { code: number; reason: string } | null = null;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  ws.addEventListener("message", (event) => {
    inbox.push(JSON.parse(String(event.data)) as ServerMessage);
    wake();
  });
  ws.addEventListener("close", (event) => {
    closed = { code: event.code, reason: event.reason };
    wake();
  });
  async function waitFor<T>(probe: () => T | null | false, what: string, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(inbox.map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
  return {
    ws,
    inbox,
    get closed() {
      return closed;
    },
    until: (predicate: (messages: ServerMessage[]) => boolean, timeoutMs?: number) =>
      waitFor(() => predicate(inbox) && inbox, "messages", timeoutMs),
    untilClosed: (timeoutMs?: number) => waitFor(() => closed, "close", timeoutMs),
    send: (message: unknown) => ws.send(typeof message === "string" ? message : JSON.stringify(message)),
  };
}

/** Opens a run's SSE stream; returns the response (not consumed). */
export function openEvents(runId: string, auth: LiveAuth, init: RequestInit = {}): Promise<Response> {
  return api(livePath(runId, "events", auth), liveInit(auth, init));
}

/** Reads SSE frames until `count` arrived or the stream ended; `ended` says whether it did. */
export async function readFrames(
  res: Response,
  count: number,
  timeoutMs = 5_000,
): Promise<{ frames: { id: number; event: string; data: ServerMessage }[]; ended: boolean }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const frames: { id: number; event: string; data: ServerMessage }[] = [];
  let ended = false;
  const deadline = Date.now() + timeoutMs;
  while (frames.length < count) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), left)),
    ]);
    if (next === null) break;
    if (next.done) {
      ended = true;
      break;
    }
    buffer += decoder.decode(next.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        frame
          .split("\n")
          .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]),
      );
      if (fields.data)
        frames.push({
          id: Number(fields.id),
          event: fields.event!,
          data: serverMessageSchema.parse(JSON.parse(fields.data)),
        });
    }
  }
  if (!ended) await reader.cancel().catch(() => undefined);
  return { frames, ended };
}
