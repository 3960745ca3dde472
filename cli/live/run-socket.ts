/**
 * Follows a run's live WebSocket. partysocket reconnects on its own; each (re)connection buys a
 * fresh single-use ticket with the key (POST /v1/workflows/:id/tickets: no key in any URL) and
 * asks for everything after the last seq seen (`?since=`), so a dropped connection loses nothing
 * and repeats nothing. Every message is parsed with the protocol's `serverMessageSchema`.
 * Node 20 has no global WebSocket: the `ws` package is the implementation.
 */
import ReconnectingWebSocket from "partysocket/ws";
import WebSocket from "ws";
import { serverMessageSchema, type ClientMessage, type ServerMessage } from "../../workers/protocol/live.ts";
import { liveTicketSchema } from "../../workers/protocol/workflows.ts";
import { ApiRequestError, type ApiClient } from "../api-client.ts";
import { CliError, EXIT } from "../errors.ts";

export type RunSocketEvents = {
  message(message: ServerMessage): void;
  /** A frame that is not a protocol message: reported, never trusted. */
  invalid(reason: string): void;
  /** The connection dropped; partysocket is reconnecting. */
  reconnecting(): void;
  /** Reconnecting cannot help (the key was refused, the run is gone). */
  fatal(error: CliError): void;
};

export class RunSocket {
  private socket: ReconnectingWebSocket;
  /** The highest logged seq received: where a reconnection resumes. */
  lastSeq: number | null = null;
  private opened = false;
  private closed = false;

  constructor(
    private readonly client: ApiClient,
    private readonly runId: string,
    private readonly on: RunSocketEvents,
    options: { since?: number } = {},
  ) {
    if (options.since !== undefined) this.lastSeq = options.since;
    this.socket = new ReconnectingWebSocket(() => this.nextUrl(), undefined, {
      // ws's class is what partysocket instantiates; its types differ from the DOM's in details
      // partysocket does not use (it only calls the constructor, send, close and the listeners).
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      minReconnectionDelay: 500,
      maxReconnectionDelay: 5_000,
      connectionTimeout: 10_000,
    });
    this.socket.addEventListener("message", (event) => this.receive(String(event.data)));
    this.socket.addEventListener("open", () => (this.opened = true));
    this.socket.addEventListener("close", () => {
      if (this.opened && !this.closed) this.on.reconnecting();
      this.opened = false;
    });
  }

  send(message: ClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }

  private async nextUrl(): Promise<string> {
    let ticket: string;
    try {
      ({ ticket } = await this.client.json(liveTicketSchema, `/v1/workflows/${this.runId}/tickets`, {
        method: "POST",
      }));
    } catch (err) {
      // A refused key or an unknown run will not change by retrying; a server that is down may.
      if (
        err instanceof ApiRequestError &&
        (err.status === 401 || err.status === 404 || err.status === 400)
      ) {
        this.socket.close();
        this.on.fatal(err);
      }
      throw err;
    }
    const url = this.client.url(`/v1/workflows/${this.runId}/ws`, {
      ticket,
      ...(this.lastSeq !== null ? { since: this.lastSeq } : {}),
    });
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    return url.toString();
  }

  private receive(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      this.on.invalid("a frame that is not JSON");
      return;
    }
    const parsed = serverMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.on.invalid(
        `a message that does not match the protocol (${parsed.error.issues[0]?.message ?? "?"})`,
      );
      return;
    }
    const message = parsed.data;
    // Who watches the run is the browser's to show; the terminal keeps to the run itself.
    if (message.type === "presence") return;
    // `error` messages carry the head seq without being logged; snapshots restart the count.
    if (message.type === "snapshot") this.lastSeq = message.seq;
    else if (message.type !== "error") {
      if (this.lastSeq !== null && message.seq <= this.lastSeq) return; // already seen
      this.lastSeq = message.seq;
    }
    this.on.message(message);
  }
}

/** A CliError for a socket that could not be kept open. */
export function socketLost(reason: string): CliError {
  return new CliError(`Lost the run's live connection: ${reason}`, EXIT.unreachable);
}
