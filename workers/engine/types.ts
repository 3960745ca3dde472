import type { ProviderName, Usage } from "../providers/types";

/**
 * The task-graph model shared by the WorkflowRun Durable Object (which owns a run's graph), the
 * queue consumer (which executes steps) and the pipelines (which define graphs and handlers).
 */

/** A node to add to a run's graph: at creation (pipeline.build) or spawned by a handler. */
export type NodeSpec = {
  /** Stable, human-readable and unique within the run, e.g. `ch03/s02/p05/article`. */
  id: string;
  /**
   * `step` runs `handler` in a queue consumer; `barrier` only waits for its dependencies (a
   * join with nothing to compute); `gate` pauses for a person's review of `reviews`.
   */
  kind?: "step" | "barrier" | "gate";
  /** Handler name in the run's pipeline (steps only). */
  handler?: string;
  /** Small JSON input (refs to R2 for anything large). */
  input?: unknown;
  /** Ids of nodes that must settle first. They must exist already or be spawned alongside. */
  deps?: string[];
  /** For gates: the node under review. It becomes a dependency of the gate. */
  reviews?: string;
  /** A short label for people (UI, events). */
  title?: string;
};

/** What a step spent: the provider usage shape, all optional (most steps call no provider). */
export type StepUsage = Partial<Usage> & {
  provider?: string;
  model?: string;
  /** The prompt template that made the output (A/B stats by variant: GET /v1/prompts/stats). */
  prompt?: { template: string; version: string; variant: string };
};

/** A file a step stored in R2 (see engine/artifacts.ts): indexed in D1, announced live. */
export type ArtifactRecord = {
  key: string;
  kind: string;
  contentType: string;
  sizeBytes: number;
  sha256?: string;
  promptVersion?: string;
  provider?: string;
  model?: string;
};

/** What a handler returns. `spawn` adds children; the node settles when they all have. */
export type StepResult = {
  output: unknown;
  spawn?: NodeSpec[];
  usage?: StepUsage;
  artifacts?: ArtifactRecord[];
};

export type RunInfo = {
  id: string;
  tenantId: string;
  pipeline: string;
  options: RunOptions;
  /** The API key that started the run: its steps' usage and budgets are attributed to it. */
  apiKeyId?: string;
  /** The W3C trace id of the request that created the run: its steps and provider calls share it. */
  traceId?: string;
};

export type RunOptions = {
  /** Max steps in flight at once for this run. */
  concurrency: number;
  /** Attempts per step before it fails (first try included). */
  maxAttempts: number;
  /** How long a consumer holds a step before the run assumes it died and re-dispatches. */
  leaseMs: number;
  /** Base of the exponential retry backoff. */
  retryBaseMs: number;
  /** `fail_fast` cancels the run at the first failed step; `continue` finishes other branches. */
  failurePolicy: "fail_fast" | "continue";
  /** Preferred provider order for AI steps (gateway), if the run overrides the default. */
  providers?: ProviderName[];
  /**
   * `dialog`: every gate waits for a person; `auto`: a critic step answers each gate; `hybrid`:
   * auto unless the critic is unsure or the phase is in `humanReview`. (Runs stored before the
   * option existed have none at run time and behave as `dialog`.) Changed live by the run object.
   */
  mode: "dialog" | "auto" | "hybrid";
  /** Phases a person reviews in hybrid mode (gate id without `/review`, or a step handler). */
  humanReview?: string[];
  /** Hybrid: below this critic confidence a person answers (default 0.7). */
  criticThreshold?: number;
  /** Spending limit in USD (provider calls reserve against it); none when absent. */
  budgetUsd?: number;
  /** Prompt template id → the variant this run uses, instead of the weighted choice. */
  promptVariants?: Record<string, string>;
};

export type StepContext = {
  env: Env;
  run: RunInfo;
  node: {
    id: string;
    handler: string;
    input: unknown;
    attempt: number;
    version: number;
    /** Reviewer feedback when this run of the node is a revision. */
    feedback?: string;
    /** The phase was skipped: run the step's deterministic fallback, not the step (no provider call). */
    fallback?: boolean;
  };
  /** Reads a settled node's current output (from the run, or R2 for large ones). */
  readOutput(nodeId: string): Promise<unknown>;
  /** In a revision: this node's output before it (the version being revised); null otherwise. */
  readRevisedOutput(): Promise<unknown>;
  /** Aborted when the step's lease deadline passes. */
  signal: AbortSignal;
};

export type StepHandler = (ctx: StepContext) => Promise<StepResult>;

/** Thrown by a handler for a failure worth retrying (rate limit, timeout, 5xx). */
export class RetryableStepError extends Error {
  override readonly name = "RetryableStepError";
  constructor(
    message: string,
    /** The upstream's own "retry after", honoured instead of the backoff when longer. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Thrown by a handler when the run's budget (or its key's) cannot cover the next provider call:
 * the step did not run and goes back to ready; the run stops in `budget_exhausted`.
 */
export class BudgetExhaustedStepError extends Error {
  override readonly name = "BudgetExhaustedStepError";
}

/** Thrown by a handler for a failure that retrying cannot fix (invalid input, auth). */
export class FatalStepError extends Error {
  override readonly name = "FatalStepError";
}

/** How a consumer reports a step back to the run. */
export type StepOutcome =
  | {
      ok: true;
      /** Inline JSON output, or a reference to R2 when it is large. */
      output?: unknown;
      outputRef?: string;
      spawn?: NodeSpec[];
      usage?: StepUsage;
      artifacts?: ArtifactRecord[];
      durationMs: number;
    }
  | {
      ok: false;
      error: string;
      retryable: boolean;
      retryAfterMs?: number;
      durationMs: number;
      /** The run's (or its key's) budget could not cover the step's call: pause, do not fail. */
      budgetExhausted?: boolean;
    };

/** A leased step handed to a consumer: everything needed to run it. */
export type Assignment = {
  runId: string;
  tenantId: string;
  apiKeyId?: string;
  /** The run's trace id (RunInfo.traceId). */
  traceId?: string;
  pipeline: string;
  options: RunOptions;
  nodeId: string;
  handler: string;
  input: unknown;
  attempt: number;
  version: number;
  leaseId: string;
  leaseUntil: number;
  feedback?: string;
  /** Run the step's fallback instead of the step (a reviewer skipped the phase). */
  fallback?: boolean;
  /**
   * Small outputs of the step's dependencies (serialised JSON by node id), handed out with it so
   * reading them costs no RPC (graph/dependency-outputs.ts); any other output is read on demand.
   */
  dependencyOutputs?: Record<string, string>;
};
