/**
 * The live protocol of a workflow run: one set of message types for the WebSocket and the
 * Server-Sent Events stream, shared by the Durable Object, the browser app and the CLI.
 * Every server message carries `seq`; logged messages have increasing seqs, so a client that
 * reconnects with the last seq it saw receives exactly what it missed. Clients parse what they
 * receive with `serverMessageSchema` and the object parses what it receives with
 * `clientMessageSchema`.
 */
import { z } from "zod";
import { liveErrorSchema } from "./errors.ts";

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
  /** Paused by the run's spending limit (`options.budgetUsd`) or its key's; resume with a higher budget. */
  "budget_exhausted",
  "completed",
  "completed_with_errors",
  "failed",
  "cancelled",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export { FINAL_RUN_STATUSES } from "./run-status.ts";

export const reviewActionSchema = z
  .discriminatedUnion("action", [
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
  ])
  .meta({ id: "ReviewAction" });
export type ReviewAction = z.infer<typeof reviewActionSchema>;

/** How a run's review gates are answered (see `runOptionsSchema.mode` in workflows.ts). */
export const RUN_MODES = ["dialog", "auto", "hybrid"] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const clientMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("review"),
    gate: z.string().min(1).max(300),
    review: reviewActionSchema,
  }),
  z.strictObject({ type: z.literal("pause") }),
  /** `budgetUsd` raises the run's spending limit as it resumes (after `budget_exhausted`). */
  z.strictObject({ type: z.literal("resume"), budgetUsd: z.number().positive().max(1_000_000).optional() }),
  z.strictObject({ type: z.literal("cancel") }),
  /** Switch who answers the gates; effective at the next gate (an open gate is answered at once by the critic when switching to auto). */
  z.strictObject({ type: z.literal("mode"), mode: z.enum(RUN_MODES) }),
  /** Ask for everything after `since` (or a fresh snapshot without it). */
  z.strictObject({ type: z.literal("subscribe"), since: z.number().int().min(0).optional() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const progressSchema = z
  .object({
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    inFlight: z.number().int(),
    waitingReview: z.number().int(),
    costUsd: z.number(),
    /** Estimated time to finish from the recent completion rate; null until there is one. */
    etaMs: z.number().nullable(),
  })
  .meta({ id: "Progress" });
export type Progress = z.infer<typeof progressSchema>;

export const runSummarySchema = z
  .object({
    id: z.string(),
    pipeline: z.string(),
    status: z.enum(RUN_STATUSES),
    createdAt: z.number(),
    updatedAt: z.number(),
    finishedAt: z.number().nullable(),
    error: z.string().nullable(),
    progress: progressSchema,
  })
  .meta({ id: "RunSummary" });
export type RunSummary = z.infer<typeof runSummarySchema>;

export const nodeEventSchema = z.object({
  id: z.string(),
  status: z.enum([...NODE_STATUSES, "stale"]),
  attempt: z.number().int(),
  version: z.number().int(),
  error: z.string().optional(),
  retryInMs: z.number().optional(),
});
export type NodeEvent = z.infer<typeof nodeEventSchema>;

/**
 * A preview made for one phase (a concept card, character sheets, a grid of panel images, …):
 * short text sections and images as URLs — never the images themselves — that a client fetches
 * at the quality it wants. Pipelines without one send the output in `preview` instead.
 */
export const reviewViewSchema = z
  .object({
    /** What the preview shows, e.g. `manga.concept-card`, `manga.panel-grid`. */
    kind: z.string(),
    title: z.string(),
    sections: z.array(z.object({ heading: z.string(), lines: z.array(z.string()) })),
    images: z.array(
      z.object({
        url: z.string(),
        caption: z.string(),
        /** The part this image shows (a panel id, a page number), for fine-grained review. */
        target: z.string().optional(),
        width: z.number().int(),
        height: z.number().int(),
      }),
    ),
  })
  .meta({ id: "ReviewView" });
export type ReviewView = z.infer<typeof reviewViewSchema>;

export const reviewEventSchema = z.object({
  gate: z.string(),
  reviews: z.string(),
  state: z.enum(["open", "closed"]),
  version: z.number().int(),
  versions: z.array(z.number().int()),
  /** The reviewed output, truncated for display (`truncated` says so). */
  preview: z.unknown(),
  truncated: z.boolean(),
  /** The phase's own preview, when its pipeline makes one (then `preview` is null). */
  view: reviewViewSchema.optional(),
  resolution: z.enum(["approve", "revise", "edit", "skip", "back", "select"]).optional(),
  /** Who answered (closed gates): a person, or the agent's critic (auto and hybrid modes). */
  reviewer: z.enum(["person", "agent"]).optional(),
  /** The critic's feedback or note, when the agent answered or handed the gate to a person. */
  note: z.string().optional(),
});
export type ReviewEvent = z.infer<typeof reviewEventSchema>;

const seq = z.number().int().min(0);

/**
 * Who did something to a run. Today an API key (its id and name); accounts will put a member
 * here, with the same two fields.
 */
export const actorSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: "Actor" });
export type Actor = z.infer<typeof actorSchema>;

/** What a person can do to a run: the review actions and the run controls. */
export const ACTED_ACTIONS = [
  "approve",
  "revise",
  "edit",
  "skip",
  "back",
  "select",
  "pause",
  "resume",
  "cancel",
  "retry",
] as const;

/** One action by one person: logged (replayed on reconnect), so the event log says who acted. */
export const actedSchema = z.object({
  actor: actorSchema,
  action: z.enum(ACTED_ACTIONS),
  /** The review gate, for review actions. */
  gate: z.string().optional(),
  /** When (ms since the epoch). */
  at: z.number(),
});
export type Acted = z.infer<typeof actedSchema>;

/** Presence: how many live connections watch the run now, and who acted last (newest first). */
export const MAX_RECENT_ACTORS = 5;
export const presenceSchema = z.object({
  watchers: z.number().int().min(0),
  recent: z.array(actedSchema).max(MAX_RECENT_ACTORS),
});
export type Presence = z.infer<typeof presenceSchema>;

export const serverMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("snapshot"),
    seq,
    run: runSummarySchema,
    openReviews: z.array(reviewEventSchema),
  }),
  z.object({ type: z.literal("node"), seq, node: nodeEventSchema }),
  z.object({ type: z.literal("progress"), seq, progress: progressSchema, status: z.enum(RUN_STATUSES) }),
  z.object({ type: z.literal("review"), seq, review: reviewEventSchema }),
  z.object({
    type: z.literal("artifact"),
    seq,
    artifact: z.object({ nodeId: z.string(), key: z.string(), kind: z.string(), contentType: z.string() }),
  }),
  z.object({ type: z.literal("error"), seq, error: liveErrorSchema }),
  z.object({ type: z.literal("done"), seq, run: runSummarySchema }),
  z.object({ type: z.literal("acted"), seq, ...actedSchema.shape }),
  /** Not logged (it concerns who is connected now): `seq` is the log's head when it was sent. */
  z.object({ type: z.literal("presence"), seq, presence: presenceSchema }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

export type LoggedMessage = Exclude<ServerMessage, { type: "snapshot" }>;
