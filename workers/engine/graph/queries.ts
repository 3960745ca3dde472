/** Reading the graph for the API, the UI and the consumers: by index, never the whole graph. */
import type { NodeStatus } from "../protocol";
import type { GraphCore } from "./core";
import { num, str, type Row } from "./sql-port";

export function nodeStatus(g: GraphCore, nodeId: string): NodeStatus | null {
  const row = g.one("SELECT status FROM nodes WHERE id = ?", nodeId);
  return row ? (row.status as NodeStatus) : null;
}

export function nodeHandler(g: GraphCore, nodeId: string): string | null {
  return str(g.one("SELECT handler FROM nodes WHERE id = ?", nodeId)?.handler);
}

export function outputOf(
  g: GraphCore,
  nodeId: string,
): { status: NodeStatus; output: unknown; outputRef: string | null; version: number } | null {
  const row = g.one("SELECT status, output, output_ref, version FROM nodes WHERE id = ?", nodeId);
  if (!row) return null;
  return {
    status: row.status as NodeStatus,
    output: row.output === null ? null : JSON.parse(String(row.output)),
    outputRef: str(row.output_ref),
    version: num(row.version),
  };
}

/** A kept version of a reviewed node. */
export type KeptVersion = {
  version: number;
  source: string;
  feedback: string | null;
  output: unknown;
  outputRef: string | null;
  createdAt: number;
};

/** Recorded versions of `nodeId` among `versions`, with their outputs (for a before/after view). */
export function versionOutputs(g: GraphCore, nodeId: string, versions: number[]): KeptVersion[] {
  return versions.flatMap((version) => {
    const row = g.one(
      "SELECT version, source, feedback, output, output_ref, created_at FROM versions WHERE node_id = ? AND version = ?",
      nodeId,
      version,
    );
    if (!row) return [];
    return [
      {
        version: num(row.version),
        source: String(row.source),
        feedback: str(row.feedback),
        output: row.output === null ? null : JSON.parse(String(row.output)),
        outputRef: str(row.output_ref),
        createdAt: num(row.created_at),
      },
    ];
  });
}

/** One node in full: its row, current output (or R2 reference) and the versions kept. */
export function nodeDetail(g: GraphCore, nodeId: string): Record<string, unknown> | null {
  const row = g.one(
    `SELECT id, kind, handler, title, parent, reviews, status, attempts, version, output, output_ref, error,
       cost_usd, tokens_in, tokens_out, provider, model, prompt, duration_ms, created_at, finished_at FROM nodes WHERE id = ?`,
    nodeId,
  );
  if (!row) return null;
  const versions = g.sql
    .exec(
      "SELECT version, source, feedback, cost_usd, provider, model, created_at FROM versions WHERE node_id = ? ORDER BY version",
      nodeId,
    )
    .toArray();
  const deps = g.sql
    .exec("SELECT src FROM edges WHERE dst = ?", nodeId)
    .toArray()
    .map((r) => String(r.src));
  return {
    ...row,
    output: row.output === null ? null : JSON.parse(String(row.output)),
    prompt: row.prompt === null || row.prompt === undefined ? null : JSON.parse(String(row.prompt)),
    deps,
    versions,
  };
}

/** A page of nodes in creation order, for the API and the UI. */
export function nodePage(g: GraphCore, afterSeq: number, limit: number, status?: NodeStatus): Row[] {
  const filter = status ? "AND status = ?" : "";
  const bindings: unknown[] = status ? [afterSeq, status, limit] : [afterSeq, limit];
  return g.sql
    .exec(
      `SELECT seq, id, kind, handler, title, status, attempts, version, error, cost_usd, duration_ms, provider, model
       FROM nodes WHERE seq > ? ${filter} ORDER BY seq LIMIT ?`,
      ...bindings,
    )
    .toArray();
}

/** The steps that failed (first `limit`, earliest first), each with its reason. */
export function failures(g: GraphCore, limit: number): { nodeId: string; error: string }[] {
  return g.sql
    .exec("SELECT id, error FROM nodes WHERE status = 'failed' ORDER BY finished_at, seq LIMIT ?", limit)
    .toArray()
    .map((r) => ({ nodeId: String(r.id), error: str(r.error) ?? "failed" }));
}
