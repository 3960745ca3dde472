/**
 * The three ways to show a live run: `--json` prints each protocol message as one JSON line;
 * a non-terminal gets one plain line per event (no control characters, nothing redrawn); a
 * terminal gets progress bars (cli-progress): the whole run with counts, cost and ETA, and one
 * bar per group of nodes (chapter or phase) that has work left.
 */
import cliProgress from "cli-progress";
import type { ServerMessage } from "../../workers/protocol/live.ts";
import type { NodeRow } from "../../workers/protocol/workflows.ts";
import { cleanLine, duration, usd } from "../output.ts";
import { RunTracker } from "./run-tracker.ts";

export interface LiveView {
  readonly tracker: RunTracker;
  message(message: ServerMessage): void;
  /** Re-counts the groups from the run's node list. */
  refresh(rows: NodeRow[]): void;
  /** A line for people (reconnecting, a review to answer…). */
  note(text: string): void;
  /** Stops redrawing (before a prompt takes the terminal) and starts again after. */
  suspend(): void;
  resume(): void;
  stop(): void;
}

export function describeMessage(m: ServerMessage): string {
  switch (m.type) {
    case "snapshot":
      return `run ${m.run.status}: ${progressText(m.run.progress)}${m.openReviews.length ? ` · ${m.openReviews.length} review(s) open` : ""}`;
    case "node":
      return `node ${m.node.id} ${m.node.status}${m.node.attempt > 1 ? ` (attempt ${m.node.attempt})` : ""}${m.node.version > 1 ? ` v${m.node.version}` : ""}${m.node.error ? `: ${m.node.error}` : ""}${m.node.retryInMs ? ` · retry in ${duration(m.node.retryInMs)}` : ""}`;
    case "progress":
      return `progress ${m.status}: ${progressText(m.progress)}`;
    case "review":
      return `review ${m.review.gate} ${m.review.state}${m.review.resolution ? ` (${m.review.resolution})` : ""} · version ${m.review.version}`;
    case "artifact":
      return `artifact ${m.artifact.key} (${m.artifact.contentType})`;
    case "error":
      return `error ${m.error.code}: ${m.error.message}`;
    case "done":
      return `done ${m.run.status}: ${progressText(m.run.progress)}${m.run.error ? ` · ${m.run.error}` : ""}`;
    case "acted":
      return `${m.actor.name}: ${m.action}${m.gate ? ` ${m.gate}` : ""}`;
    case "presence":
      return `${m.presence.watchers} watching`; // not shown: run-socket.ts drops presence
  }
}

export function progressText(p: {
  done: number;
  failed: number;
  skipped: number;
  total: number;
  inFlight: number;
  costUsd: number;
  etaMs: number | null;
}): string {
  const parts = [`${p.done + p.failed + p.skipped}/${p.total} steps`];
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.inFlight) parts.push(`${p.inFlight} running`);
  parts.push(usd(p.costUsd));
  if (p.etaMs && p.done + p.failed + p.skipped < p.total) parts.push(`ETA ${duration(p.etaMs)}`);
  return parts.join(" · ");
}

/** One line per message: JSON for `--json` (talk to stderr), plain text otherwise. */
class LineView implements LiveView {
  readonly tracker = new RunTracker();
  constructor(
    private readonly format: (message: ServerMessage) => string,
    private readonly notes: NodeJS.WriteStream,
  ) {}
  message(message: ServerMessage): void {
    this.tracker.apply(message);
    process.stdout.write(`${this.format(message)}\n`);
  }
  refresh(rows: NodeRow[]): void {
    this.tracker.seed(rows);
  }
  note(text: string): void {
    this.notes.write(`${cleanLine(text)}\n`);
  }
  suspend(): void {}
  resume(): void {}
  stop(): void {}
}

export const jsonView = (): LiveView => new LineView((m) => JSON.stringify(m), process.stderr);
export const plainView = (): LiveView => new LineView((m) => cleanLine(describeMessage(m)), process.stdout);

const MAX_GROUP_BARS = 8;

export class BarsView implements LiveView {
  readonly tracker = new RunTracker();
  private bars: cliProgress.MultiBar | null = null;
  private runBar: cliProgress.SingleBar | null = null;
  private groupBars = new Map<string, cliProgress.SingleBar>();

  constructor(private readonly title: string) {
    this.start();
  }

  message(message: ServerMessage): void {
    this.tracker.apply(message);
    if (message.type === "error") this.note(`error ${message.error.code}: ${message.error.message}`);
    if (message.type === "node" && message.node.status === "failed")
      this.note(`${message.node.id} failed${message.node.error ? `: ${message.node.error}` : ""}`);
    this.draw();
  }

  refresh(rows: NodeRow[]): void {
    this.tracker.seed(rows);
    this.draw();
  }

  note(text: string): void {
    if (this.bars) this.bars.log(`${cleanLine(text)}\n`);
    else process.stdout.write(`${cleanLine(text)}\n`);
  }

  suspend(): void {
    this.bars?.stop();
    this.bars = null;
    this.runBar = null;
    this.groupBars.clear();
  }

  resume(): void {
    if (!this.bars) this.start();
    this.draw();
  }

  stop(): void {
    this.draw();
    this.suspend();
  }

  private start(): void {
    this.bars = new cliProgress.MultiBar(
      {
        format: "{label} {bar} {value}/{total} {detail}",
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        autopadding: true,
        fps: 8,
      },
      cliProgress.Presets.shades_classic,
    );
    this.runBar = this.bars.create(1, 0, {
      label: cleanLine(this.title).slice(0, 16).padEnd(16),
      detail: "",
    });
  }

  private draw(): void {
    if (!this.bars || !this.runBar) return;
    const p = this.tracker.progress;
    if (p) {
      const eta = p.etaMs && p.done + p.failed + p.skipped < p.total ? ` · ETA ${duration(p.etaMs)}` : "";
      const detail = `${this.tracker.status ?? ""} · ${p.inFlight} running${p.failed ? ` · ${p.failed} failed` : ""}${p.waitingReview ? ` · ${p.waitingReview} review` : ""} · ${usd(p.costUsd)}${eta}`;
      this.runBar.setTotal(Math.max(1, p.total));
      this.runBar.update(p.done + p.failed + p.skipped, { detail });
    }
    // Groups with work left (and ones already on screen), at most MAX_GROUP_BARS of them.
    const open = [...this.tracker.groups.values()].filter(
      (g) => g.finished < g.total || this.groupBars.has(g.name),
    );
    for (const group of open) {
      let bar = this.groupBars.get(group.name);
      if (!bar) {
        if (this.groupBars.size >= MAX_GROUP_BARS) continue;
        bar = this.bars.create(group.total, 0, {
          label: `  ${cleanLine(group.name)}`.slice(0, 16).padEnd(16),
          detail: "",
        });
        this.groupBars.set(group.name, bar);
      }
      bar.setTotal(Math.max(1, group.total));
      const detail = [
        group.running ? `${group.running} running` : "",
        group.failed ? `${group.failed} failed` : "",
        group.finished === group.total ? "done" : "",
      ]
        .filter(Boolean)
        .join(" · ");
      bar.update(group.finished, { detail });
      if (group.finished === group.total && this.groupBars.size >= MAX_GROUP_BARS) {
        // Make room for groups still waiting for a bar.
        this.bars.remove(bar);
        this.groupBars.delete(group.name);
      }
    }
  }
}
