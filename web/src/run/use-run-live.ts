/**
 * The run's live socket (partysocket's React hook: reconnects with backoff by itself). Every
 * (re)connection buys a fresh single-use ticket, so the key is never in a URL, and asks for what
 * came after the last seq applied, so a reconnect resumes instead of starting over.
 */
import { useCallback, useReducer, useRef, useState } from "react";
import useWebSocket from "partysocket/use-ws";
import {
  serverMessageSchema,
  type ClientMessage,
  type ServerMessage,
} from "../../../workers/protocol/live.ts";
import { liveTicketSchema } from "../../../workers/protocol/workflows.ts";
import { sessionEnded } from "../auth/api-key.ts";
import { apiFetch } from "../http/client.ts";
import { initialLiveState, reduceBatch } from "./live-state.ts";

export type Connection = "connecting" | "open" | "closed";

export function useRunLive(runId: string) {
  const [state, dispatch] = useReducer(reduceBatch, undefined, initialLiveState);
  // The seq a reconnect resumes from: updated as messages arrive, before React renders them.
  const lastSeq = useRef<number | null>(null);
  // Messages are applied once per animation frame, so a burst of node events is one render.
  const pending = useRef<ServerMessage[]>([]);
  const frame = useRef<number | null>(null);
  const enqueue = useCallback((message: ServerMessage) => {
    if (message.type !== "error") lastSeq.current = Math.max(lastSeq.current ?? 0, message.seq);
    pending.current.push(message);
    frame.current ??= requestAnimationFrame(() => {
      frame.current = null;
      const batch = pending.current;
      pending.current = [];
      dispatch(batch);
    });
  }, []);
  const [connection, setConnection] = useState<Connection>("connecting");
  const url = useCallback(async () => {
    const { ticket } = await apiFetch(`/v1/workflows/${runId}/tickets`, liveTicketSchema, { method: "POST" });
    const target = new URL(`/v1/workflows/${runId}/ws`, location.href);
    target.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    target.searchParams.set("ticket", ticket);
    if (lastSeq.current !== null) target.searchParams.set("since", String(lastSeq.current));
    return target.toString();
  }, [runId]);
  const socket = useWebSocket(url, undefined, {
    onOpen: () => setConnection("open"),
    onClose: (event: CloseEvent) => {
      setConnection("closed");
      // 4001: the credential was revoked (durable-objects/workflow-run/connection-auth.ts).
      if (event.code === 4001) sessionEnded();
    },
    onMessage: (event: MessageEvent) => {
      let json: unknown;
      try {
        json = JSON.parse(String(event.data));
      } catch {
        return; // Not JSON: nothing the protocol sends; ignored rather than trusted.
      }
      const parsed = serverMessageSchema.safeParse(json);
      if (parsed.success) enqueue(parsed.data);
    },
  });
  const send = useCallback((message: ClientMessage) => socket.send(JSON.stringify(message)), [socket]);
  return { state, connection, send };
}
