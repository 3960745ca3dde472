/**
 * The live protocol of a workflow run: one set of message types for the WebSocket and the
 * Server-Sent Events stream, shared by the Durable Object, the browser app and the CLI.
 * Every server message carries `seq`; logged messages have increasing seqs, so a client that
 * reconnects with the last seq it saw receives exactly what it missed.
 */
import { z } from "zod";

export const NODE_STATUSES = [
  "pending",
  "ready",
  "leased",
  "retry_wait",
  "done",
  "failed",
  "skipped",
  "waiting",
  "cancelled",
] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export const RUN_STATUSES = [
  "running",
  "paused",
  "completed",
  "completed_with_errors",
  "failed",
  "cancelled",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const FINAL_RUN_STATUSES: readonly RunStatus[] = [
  "completed",
  "completed_with_errors",
  "failed",
  "cancelled",
];

export const reviewActionSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("approve") }),
  z.strictObject({ action: z.literal("revise"), feedback: z.string().trim().min(1).max(10_000) }),
  /** The edited output becomes a new version of the reviewed node; no provider is called. */
  z.strictObject({
    action: z.literal("edit"),
    output: z.unknown().refine((v) => v !== undefined, "required"),
  }),
  z.strictObject({ action: z.literal("skip") }),
  /** Reopen an earlier gate; everything after it becomes stale and re-runs. */
  z.strictObject({ action: z.literal("back"), to: z.string().min(1).max(300) }),
  /** Make an earlier version of the reviewed node current again. */
  z.strictObject({ action: z.literal("select"), version: z.number().int().min(1) }),
]);
export type ReviewAction = z.infer<typeof reviewActionSchema>;

export const clientMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("review"),
    gate: z.string().min(1).max(300),
    review: reviewActionSchema,
  }),
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  z.strictObject({ type: z.literal("cancel") }),
  /** Ask for everything after `since` (or a fresh snapshot without it). */
  z.strictObject({ type: z.literal("subscribe"), since: z.number().int().min(0).optional() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type Progress = {
  total: number;
  done: number;
  failed: number;
  skipped: number;
  inFlight: number;
  waitingReview: number;
  costUsd: number;
  /** Estimated time to finish from the recent completion rate; null until there is one. */
  etaMs: number | null;
};

export type RunSummary = {
  id: string;
  pipeline: string;
  status: RunStatus;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  error: string | null;
  progress: Progress;
};

export type NodeEvent = {
  id: string;
  status: NodeStatus | "stale";
  attempt: number;
  version: number;
  error?: string;
  retryInMs?: number;
};

export type ReviewEvent = {
  gate: string;
  reviews: string;
  state: "open" | "closed";
  version: number;
  versions: number[];
  /** The reviewed output, truncated for display (`truncated` says so). */
  preview: unknown;
  truncated: boolean;
  resolution?: ReviewAction["action"];
};

export type ServerMessage =
  | { type: "snapshot"; seq: number; run: RunSummary; openReviews: ReviewEvent[] }
  | { type: "node"; seq: number; node: NodeEvent }
  | { type: "progress"; seq: number; progress: Progress; status: RunStatus }
  | { type: "review"; seq: number; review: ReviewEvent }
  | {
      type: "artifact";
      seq: number;
      artifact: { nodeId: string; key: string; kind: string; contentType: string };
    }
  | { type: "error"; seq: number; error: { code: string; message: string; details?: unknown } }
  | { type: "done"; seq: number; run: RunSummary };

export type LoggedMessage = Exclude<ServerMessage, { type: "snapshot" }>;
