/**
 * A run's nodes as the API shows them. The run object answers with its SQLite rows (snake_case
 * columns); these parse those rows and give the protocol's camelCase shapes, so a column that
 * changes in the object is a loud 500 in tests, not a silent change on the wire.
 */
import { z } from "zod";
import { NODE_STATUSES } from "../../protocol/live";
import { nodeDetailSchema, nodeRowSchema, type NodeDetail, type NodeRow } from "../../protocol/workflows";

const text = z.string().nullable();
const kind = z.enum(["step", "barrier", "gate"]);
const status = z.enum(NODE_STATUSES);

const storedRow = z.object({
  seq: z.number(),
  id: z.string(),
  kind,
  handler: z.string(),
  title: text,
  status,
  attempts: z.number(),
  version: z.number(),
  error: text,
  cost_usd: z.number(),
  duration_ms: z.number().nullable(),
  provider: text,
  model: text,
});

const storedVersion = z.object({
  version: z.number(),
  source: z.string(),
  feedback: text,
  cost_usd: z.number(),
  provider: text,
  model: text,
  created_at: z.number(),
});

const storedDetail = z.object({
  id: z.string(),
  kind,
  handler: z.string(),
  title: text,
  parent: text,
  reviews: text,
  status,
  attempts: z.number(),
  version: z.number(),
  output: z.unknown(),
  output_ref: text,
  error: text,
  cost_usd: z.number(),
  tokens_in: z.number(),
  tokens_out: z.number(),
  provider: text,
  model: text,
  prompt: z
    .object({ template: z.string(), version: z.string(), variant: z.string() })
    .nullable()
    .default(null),
  duration_ms: z.number().nullable(),
  created_at: z.number(),
  finished_at: z.number().nullable(),
  deps: z.array(z.string()),
  versions: z.array(storedVersion),
});

export function nodeRowView(row: unknown): NodeRow {
  const r = storedRow.parse(row);
  return nodeRowSchema.parse({
    seq: r.seq,
    id: r.id,
    kind: r.kind,
    handler: r.handler,
    title: r.title,
    status: r.status,
    attempts: r.attempts,
    version: r.version,
    error: r.error,
    costUsd: r.cost_usd,
    durationMs: r.duration_ms,
    provider: r.provider,
    model: r.model,
  });
}

export function nodeDetailView(detail: unknown): NodeDetail {
  const d = storedDetail.parse(detail);
  return nodeDetailSchema.parse({
    id: d.id,
    kind: d.kind,
    handler: d.handler,
    title: d.title,
    parent: d.parent,
    reviews: d.reviews,
    status: d.status,
    attempts: d.attempts,
    version: d.version,
    output: d.output,
    outputRef: d.output_ref,
    error: d.error,
    costUsd: d.cost_usd,
    tokensIn: d.tokens_in,
    tokensOut: d.tokens_out,
    provider: d.provider,
    model: d.model,
    prompt: d.prompt,
    durationMs: d.duration_ms,
    createdAt: d.created_at,
    finishedAt: d.finished_at,
    deps: d.deps,
    versions: d.versions.map((v) => ({
      version: v.version,
      source: v.source,
      feedback: v.feedback,
      costUsd: v.cost_usd,
      provider: v.provider,
      model: v.model,
      createdAt: v.created_at,
    })),
  });
}
