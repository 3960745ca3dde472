/** /v1/workflows: create, list, inspect, control, review and delete runs. */
import { z } from "zod";
import {
  NODE_STATUSES,
  RUN_MODES,
  RUN_STATUSES,
  progressSchema,
  reviewViewSchema,
  runSummarySchema,
} from "./live.ts";
import { PROVIDER_NAMES } from "./providers.ts";

export { RUN_MODES, type RunMode } from "./live.ts";

/** A phase name as `humanReview` lists it: a gate id without `/review`, or a step handler. */
const phaseNameSchema = z.string().min(1).max(200);

export const WORKFLOW_ID_PATTERN = /^wf_[0-9a-f]{32}$/;
export const workflowIdSchema = z.string().regex(WORKFLOW_ID_PATTERN, "not a workflow id");

/** Options a client may set per run; everything has a default. */
export const runOptionsSchema = z.strictObject({
  concurrency: z.number().int().min(1).max(500).optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
  leaseMs: z
    .number()
    .int()
    .min(1_000)
    .max(15 * 60_000)
    .optional(),
  retryBaseMs: z.number().int().min(10).max(60_000).optional(),
  failurePolicy: z.enum(["fail_fast", "continue"]).optional(),
  /** This run's provider chain for AI steps (gateway order), e.g. ["anthropic", "offline"]. */
  providers: z.array(z.enum(PROVIDER_NAMES)).min(1).max(10).optional(),
  /**
   * Who answers the review gates (any pipeline with gates): `dialog` (default) waits for a person
   * at every gate; `auto` lets a critic step (through the gateway) approve or revise each gate,
   * at most 2 revisions, then approve with a note; `hybrid` is auto, but a gate waits for a person
   * when the critic's confidence is below `criticThreshold` or its phase is in `humanReview`.
   * Switchable while the run is live (POST /v1/workflows/:id/mode).
   */
  mode: z.enum(RUN_MODES).optional(),
  /**
   * Spending limit of the run in USD: each provider call reserves its estimated cost first, and
   * when the rest of the budget cannot cover one the run stops in `budget_exhausted` (resume it
   * with a higher budget). No limit when absent.
   */
  budgetUsd: z.number().positive().max(1_000_000).optional(),
  /** Phases a person always reviews in `hybrid` mode, e.g. ["storyboard"]. */
  humanReview: z.array(phaseNameSchema).max(50).optional(),
  /** In `hybrid` mode, a critic less confident than this hands the gate to a person (0.7). */
  criticThreshold: z.number().min(0).max(1).optional(),
  /**
   * Pins prompt templates to one of their A/B variants for this run, e.g.
   * `{ "manga/storyboard": "beats-first" }` (GET /v1/prompts lists them). A template not named,
   * or a variant it does not have, gets the usual weighted choice.
   */
  promptVariants: z.record(z.string().min(1).max(200), z.string().min(1).max(100)).optional(),
});
export type RunOptionsInput = z.infer<typeof runOptionsSchema>;

/** Options as resolved for a run (every default filled in). */
export const resolvedRunOptionsSchema = z.object({
  concurrency: z.number().int(),
  maxAttempts: z.number().int(),
  leaseMs: z.number().int(),
  retryBaseMs: z.number().int(),
  failurePolicy: z.enum(["fail_fast", "continue"]),
  providers: z.array(z.enum(PROVIDER_NAMES)).optional(),
  mode: z.enum(RUN_MODES),
  budgetUsd: z.number().optional(),
  humanReview: z.array(z.string()).optional(),
  criticThreshold: z.number().optional(),
});

/** POST /v1/workflows/:id/mode — effective at the next gate; `auto`/`hybrid` also answer open gates. */
export const setModeSchema = z.strictObject({ mode: z.enum(RUN_MODES) }).meta({ id: "SetMode" });

export const modeChangeSchema = z.object({
  mode: z.enum(RUN_MODES),
  previous: z.enum(RUN_MODES),
  /** Open gates handed to the critic by this switch (to `auto` or `hybrid`). */
  criticsStarted: z.array(z.string()),
});

/** One answer to a gate, from a person or from the agent (the critic), oldest first. */
export const reviewRecordSchema = z
  .object({
    id: z.number().int(),
    gate: z.string(),
    reviews: z.string(),
    /** The reviewed node's version the answer was about. */
    version: z.number().int(),
    /** `defer`: the agent handed the gate to a person (low confidence or a human phase). */
    action: z.enum(["approve", "revise", "edit", "skip", "back", "select", "defer"]),
    reviewer: z.enum(["person", "agent"]),
    feedback: z.string().nullable(),
    /** The critic's confidence (agent answers only). */
    confidence: z.number().nullable(),
    /** The critic node that answered (agent answers only). */
    critic: z.string().nullable(),
    at: z.number(),
  })
  .meta({ id: "ReviewRecord" });
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

export type ModeChange = z.infer<typeof modeChangeSchema>;

export const reviewHistorySchema = z.object({ reviews: z.array(reviewRecordSchema) });

export const createWorkflowSchema = z
  .strictObject({
    pipeline: z.string().min(1).max(50),
    /** The pipeline's own input; checked against that pipeline's schema. */
    input: z.unknown(),
    options: runOptionsSchema.optional(),
    title: z.string().trim().min(1).max(200).optional(),
  })
  .meta({ id: "CreateWorkflow" });
export type CreateWorkflow = z.infer<typeof createWorkflowSchema>;

export const workflowLinksSchema = z.object({
  self: z.string(),
  websocket: z.string(),
  events: z.string(),
});

export const createdWorkflowSchema = z.object({
  id: z.string(),
  status: z.enum(RUN_STATUSES),
  title: z.string(),
  pipeline: z.string(),
  options: resolvedRunOptionsSchema,
  progress: progressSchema,
  links: workflowLinksSchema,
});
export type CreatedWorkflow = z.infer<typeof createdWorkflowSchema>;

export const listWorkflowsQuerySchema = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  pipeline: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

/** One row of GET /v1/workflows, from the D1 index (refreshed by the run as it goes). */
export const workflowRowSchema = z
  .object({
    id: z.string(),
    pipeline: z.string(),
    status: z.string(),
    title: z.string().nullable(),
    nodes: z.object({ total: z.number().int(), done: z.number().int(), failed: z.number().int() }),
    costUsd: z.number(),
    createdAt: z.number(),
    updatedAt: z.number(),
    finishedAt: z.number().nullable(),
  })
  .meta({ id: "WorkflowRow" });
export type WorkflowRow = z.infer<typeof workflowRowSchema>;

export const workflowListSchema = z.object({
  workflows: z.array(workflowRowSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type WorkflowList = z.infer<typeof workflowListSchema>;

/** GET /v1/workflows/:id — the run as its Durable Object sees it now. */
export const workflowDetailSchema = runSummarySchema
  .extend({
    title: z.string(),
    /** Node counts by status. */
    nodes: z.record(z.string(), z.number().int()),
    tokens: z.object({ in: z.number().int(), out: z.number().int() }),
    /** The first steps that failed, each with its reason (empty when none did). */
    failures: z.array(z.object({ nodeId: z.string(), error: z.string() })),
    /** The run's spending limit in USD (options.budgetUsd; raised by a resume); null when none. */
    budgetUsd: z.number().nullable(),
    links: workflowLinksSchema,
  })
  .meta({ id: "WorkflowDetail" });
export type WorkflowDetail = z.infer<typeof workflowDetailSchema>;

export const listNodesQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  status: z.enum(NODE_STATUSES).optional(),
});

const nodeKind = z.enum(["step", "barrier", "gate"]);

export const nodeRowSchema = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    kind: nodeKind,
    handler: z.string(),
    title: z.string().nullable(),
    status: z.enum(NODE_STATUSES),
    attempts: z.number().int(),
    version: z.number().int(),
    error: z.string().nullable(),
    costUsd: z.number(),
    durationMs: z.number().nullable(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
  })
  .meta({ id: "NodeRow" });
export type NodeRow = z.infer<typeof nodeRowSchema>;

export const nodePageSchema = z.object({
  nodes: z.array(nodeRowSchema),
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: z.number().int().nullable(),
});
export type NodePage = z.infer<typeof nodePageSchema>;

export const nodeVersionSchema = z.object({
  version: z.number().int(),
  /** How this version came to be, e.g. `step`, `edit`, `revise`. */
  source: z.string(),
  feedback: z.string().nullable(),
  costUsd: z.number(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  createdAt: z.number(),
});

export const nodeDetailSchema = z
  .object({
    id: z.string(),
    kind: nodeKind,
    handler: z.string(),
    title: z.string().nullable(),
    parent: z.string().nullable(),
    reviews: z.string().nullable(),
    status: z.enum(NODE_STATUSES),
    attempts: z.number().int(),
    version: z.number().int(),
    /** The current output, or null when it is stored in R2 (`outputRef`). */
    output: z.unknown(),
    outputRef: z.string().nullable(),
    error: z.string().nullable(),
    costUsd: z.number(),
    tokensIn: z.number().int(),
    tokensOut: z.number().int(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    /** The prompt template behind the current output, when its step records one (A/B stats). */
    prompt: z.object({ template: z.string(), version: z.string(), variant: z.string() }).nullable(),
    durationMs: z.number().nullable(),
    createdAt: z.number(),
    finishedAt: z.number().nullable(),
    deps: z.array(z.string()),
    versions: z.array(nodeVersionSchema),
    /**
     * The step's output schema as JSON Schema (what an `edit` must match; the server also checks
     * rules JSON Schema cannot say). Null for gates and barriers, or when it cannot be expressed.
     */
    outputSchema: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .meta({ id: "NodeDetail" });
export type NodeDetail = z.infer<typeof nodeDetailSchema>;

export const reviewResultSchema = z.object({
  gate: z.string(),
  action: z.enum(["approve", "revise", "edit", "skip", "back", "select"]),
  /** True when the run was not waiting at this gate yet: the answer applies when it opens. */
  buffered: z.boolean(),
  run: runSummarySchema,
});

export const CONTROL_ACTIONS = ["pause", "resume", "cancel", "retry"] as const;

/** Optional body of POST /v1/workflows/:id/resume: a new spending limit for the run. */
export const resumeBodySchema = z
  .strictObject({ budgetUsd: z.number().positive().max(1_000_000).optional() })
  .meta({ id: "ResumeWorkflow" });
export type ResumeBody = z.infer<typeof resumeBodySchema>;

export const deletedWorkflowSchema = z.object({
  id: z.string(),
  deleted: z.literal(true),
  /** R2 objects removed with the run. */
  r2Objects: z.number().int(),
});

/** A single-use ticket that opens the run's `/ws` or `/events` once, within 60 s (for browsers). */
export const liveTicketSchema = z.object({ ticket: z.string(), expiresAt: z.number().int() });
export type LiveTicket = z.infer<typeof liveTicketSchema>;

/** GET /v1/workflows/:id/versions/:node?a=&b= — two kept versions of a node, before and after. */
export const compareVersionsQuerySchema = z.strictObject({
  a: z.coerce.number().int().min(1),
  b: z.coerce.number().int().min(1),
});

const versionSideSchema = z.object({
  version: z.number().int(),
  /** `run` (a step), `edit` (a person), … */
  source: z.string(),
  feedback: z.string().nullable(),
  createdAt: z.number(),
  /** The output itself (null when it is stored in R2: `outputRef`). */
  output: z.unknown(),
  outputRef: z.string().nullable(),
  /** The phase's preview of this version (concept card, image grid, …), when it has one. */
  view: reviewViewSchema.nullable(),
});

export const versionComparisonSchema = z
  .object({ node: z.string(), before: versionSideSchema, after: versionSideSchema })
  .meta({ id: "VersionComparison" });
export type VersionComparison = z.infer<typeof versionComparisonSchema>;
