/**
 * Live view of one run: progress, recent node changes and open reviews with their actions, over
 * the run's WebSocket (partysocket reconnects and resumes from the last seq it saw).
 */
import ReconnectingWebSocket from "partysocket/ws";
import {
  serverMessageSchema,
  type ClientMessage,
  type Progress,
  type ReviewEvent,
  type ServerMessage,
} from "../../workers/protocol/live.ts";
import { liveTicketSchema } from "../../workers/protocol/workflows.ts";
import { apiFetch } from "./api";

const MAX_LOG_LINES = 50;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

export class RunView {
  private socket: ReconnectingWebSocket | null = null;
  private lastSeq: number | null = null;
  private reviews = new Map<string, ReviewEvent>();

  constructor(private readonly root: HTMLElement) {}

  open(runId: string): void {
    this.close();
    this.lastSeq = null;
    this.reviews.clear();
    this.root.hidden = false;
    this.root.replaceChildren(
      el("h3", `Run ${runId}`),
      Object.assign(el("p"), { id: "run-status", role: "status" }),
      Object.assign(el("progress"), { id: "run-progress", max: 1, value: 0 }),
      Object.assign(el("div"), { id: "run-reviews" }),
      el("h4", "Recent changes"),
      Object.assign(el("ol"), { id: "run-log", reversed: true }),
    );
    // Every (re)connection buys a fresh single-use ticket: the key never goes in a URL.
    const url = async () => {
      const { ticket } = await apiFetch(`/v1/workflows/${runId}/tickets`, liveTicketSchema, {
        method: "POST",
      });
      const base = new URL(`/v1/workflows/${runId}/ws`, location.href);
      base.protocol = location.protocol === "https:" ? "wss:" : "ws:";
      base.searchParams.set("ticket", ticket);
      if (this.lastSeq !== null) base.searchParams.set("since", String(this.lastSeq));
      return base.toString();
    };
    this.socket = new ReconnectingWebSocket(url);
    this.socket.addEventListener("message", (event) => this.receiveRaw(String(event.data)));
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  private send(message: ClientMessage): void {
    this.socket?.send(JSON.stringify(message));
  }

  /** Every message is parsed with the protocol's schema; one that does not fit is shown, not trusted. */
  private receiveRaw(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      this.log("error: the server sent a message that is not JSON");
      return;
    }
    const message = serverMessageSchema.safeParse(json);
    if (message.success) this.receive(message.data);
    else
      this.log(
        `error: unexpected message from the server (${message.error.issues[0]?.message ?? "invalid"})`,
      );
  }

  private receive(message: ServerMessage): void {
    if (message.type !== "error") this.lastSeq = Math.max(this.lastSeq ?? 0, message.seq);
    switch (message.type) {
      case "snapshot":
        this.reviews = new Map(message.openReviews.map((r) => [r.gate, r]));
        this.showProgress(message.run.progress, message.run.status);
        this.showReviews();
        break;
      case "progress":
        this.showProgress(message.progress, message.status);
        break;
      case "review":
        if (message.review.state === "open") this.reviews.set(message.review.gate, message.review);
        else this.reviews.delete(message.review.gate);
        this.showReviews();
        this.log(
          `review ${message.review.gate}: ${message.review.state}${message.review.resolution ? ` (${message.review.resolution})` : ""}`,
        );
        break;
      case "node":
        this.log(
          `${message.node.id} → ${message.node.status}${message.node.error ? `: ${message.node.error}` : ""}`,
        );
        break;
      case "error":
        this.log(`error ${message.error.code}: ${message.error.message}`);
        break;
      case "done":
        this.showProgress(message.run.progress, message.run.status);
        break;
      case "artifact":
        this.log(`artifact ${message.artifact.key}`);
        break;
    }
  }

  private showProgress(progress: Progress, status: string): void {
    const finished = progress.done + progress.failed + progress.skipped;
    const text = document.getElementById("run-status");
    if (text) {
      const eta = progress.etaMs ? ` · about ${Math.ceil(progress.etaMs / 1000)} s left` : "";
      text.textContent = `${status}: ${finished}/${progress.total} steps · ${progress.inFlight} running · $${progress.costUsd.toFixed(4)}${eta}`;
    }
    const bar = document.getElementById("run-progress") as HTMLProgressElement | null;
    if (bar) bar.value = progress.total ? finished / progress.total : 0;
  }

  private showReviews(): void {
    const box = document.getElementById("run-reviews");
    if (!box) return;
    box.replaceChildren(
      ...[...this.reviews.values()].map((review) => {
        const section = el("section");
        section.setAttribute("aria-label", `Review ${review.gate}`);
        const preview = el(
          "pre",
          typeof review.preview === "string" ? review.preview : JSON.stringify(review.preview, null, 2),
        );
        const feedback = Object.assign(el("textarea"), { rows: 2, placeholder: "Feedback for a revision" });
        feedback.setAttribute("aria-label", `Feedback for ${review.reviews}`);
        const action = (label: string, make: () => ClientMessage | null) => {
          const button = el("button", label);
          button.type = "button";
          button.addEventListener("click", () => {
            const message = make();
            if (message) this.send(message);
          });
          return button;
        };
        const review_ = (r: Extract<ClientMessage, { type: "review" }>["review"]) => ({
          type: "review" as const,
          gate: review.gate,
          review: r,
        });
        const versions = el("select");
        versions.setAttribute("aria-label", "Version");
        for (const v of review.versions)
          versions.append(
            Object.assign(el("option", `version ${v}`), { value: String(v), selected: v === review.version }),
          );
        section.append(
          el(
            "h4",
            `${review.reviews} — version ${review.version}${review.truncated ? " (preview truncated)" : ""}`,
          ),
          preview,
          feedback,
          action("Approve", () => review_({ action: "approve" })),
          action("Revise", () =>
            feedback.value.trim() ? review_({ action: "revise", feedback: feedback.value.trim() }) : null,
          ),
          action("Skip", () => review_({ action: "skip" })),
          versions,
          action("Use this version", () => review_({ action: "select", version: Number(versions.value) })),
        );
        return section;
      }),
    );
  }

  private log(line: string): void {
    const list = document.getElementById("run-log");
    if (!list) return;
    list.prepend(el("li", line));
    while (list.childElementCount > MAX_LOG_LINES) list.lastElementChild?.remove();
  }
}
