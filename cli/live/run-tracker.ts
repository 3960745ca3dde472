/**
 * What the progress display shows, folded from live messages: the run's progress and status, and
 * per group of nodes (the first segment of a node id: a chapter `ch03`, a phase `concept`, `book`)
 * how many nodes it has and how many have finished. Pure: no terminal here.
 */
import type { NodeRow } from "../../workers/protocol/workflows.ts";
import type { NodeEvent, Progress, RunStatus, ServerMessage } from "../../workers/protocol/live.ts";

const FINISHED = new Set(["done", "failed", "skipped", "cancelled"]);

export type Group = { name: string; total: number; finished: number; failed: number; running: number };

export function groupOf(nodeId: string): string {
  return nodeId.split("/")[0] ?? nodeId;
}

export class RunTracker {
  progress: Progress | null = null;
  status: RunStatus | null = null;
  private readonly nodes = new Map<string, string>();
  readonly groups = new Map<string, Group>();

  /** Seeds the per-group counts from the node list (GET /v1/workflows/:id/nodes). */
  seed(rows: NodeRow[]): void {
    for (const row of rows) this.setNode(row.id, row.status);
  }

  apply(message: ServerMessage): void {
    switch (message.type) {
      case "snapshot":
      case "done":
        this.progress = message.run.progress;
        this.status = message.run.status;
        break;
      case "progress":
        this.progress = message.progress;
        this.status = message.status;
        break;
      case "node":
        this.node(message.node);
        break;
      default:
        break;
    }
  }

  private node(node: NodeEvent): void {
    this.setNode(node.id, node.status);
  }

  private setNode(id: string, status: string): void {
    const name = groupOf(id);
    const group = this.groups.get(name) ?? { name, total: 0, finished: 0, failed: 0, running: 0 };
    this.groups.set(name, group);
    const before = this.nodes.get(id);
    if (before === undefined) group.total++;
    else this.count(group, before, -1);
    this.count(group, status, 1);
    this.nodes.set(id, status);
  }

  private count(group: Group, status: string, by: 1 | -1): void {
    if (FINISHED.has(status)) group.finished += by;
    if (status === "failed") group.failed += by;
    if (status === "leased") group.running += by;
  }
}
