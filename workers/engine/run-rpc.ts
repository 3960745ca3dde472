/**
 * The RPC surface of a run's Durable Object, declared here so that the API and the consumer talk
 * to the object through a contract of the engine's own and never import the object's class.
 * workers-types maps RPC results through `Serializable`, which turns fields typed `unknown` (step
 * inputs and outputs are arbitrary JSON) into `never`; this declares the real types instead.
 */
import type { Actor, NodeStatus, ReviewAction, RunSummary } from "./protocol";
import type { KeptVersion } from "./graph/queries";
import type { ReviewView } from "./step-catalog";
import type { Assignment, NodeSpec, RunOptions, StepOutcome } from "./types";
import type { ModeChange, ReviewRecord, RunMode } from "../protocol/workflows";

/**
 * A live stream request (WebSocket or SSE) reaches the run with the id of the API key it acts
 * as in this header, set by the API after authenticating it (never taken from the client).
 */
export const LIVE_KEY_HEADER = "X-Tsumugi-Key-Id";

/** An engine error as it crosses the RPC boundary (`status` is the HTTP status it maps to). */
export type RpcError = { code: string; message: string; status: 400 | 404 | 409 | 413; details?: unknown };
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** A new run: the API validated the input and built the pipeline's initial graph. */
export type RunInit = {
  id: string;
  tenantId: string;
  pipeline: string;
  options: RunOptions;
  title: string;
  nodes: NodeSpec[];
  /** The API key that started the run (its steps' usage and budgets are attributed to it). */
  apiKeyId?: string;
  /** The trace id of the request that created the run. */
  traceId?: string;
};

/** A queued step a consumer received: its lease, and the message id (a retry may claim again). */
export type StepClaim = { nodeId: string; leaseId: string; claimer?: string };
export type StepReport = { nodeId: string; leaseId: string; outcome: StepOutcome; acceptNext: boolean };
export type StepReply = { accepted: boolean; next: Assignment | null };
/**
 * The answer to a consumer's reports: one reply per report, plus `extra` steps claimed for the
 * consumer's spare slots (it asked for up to `spareSlots`), which it runs alongside.
 */
export type StepBatchReply = { replies: StepReply[]; extra: Assignment[] };

export type RunDescription = {
  run: RunSummary;
  title: string;
  counts: Record<string, number>;
  tokens: { in: number; out: number };
  /** The first steps that failed, each with its reason (empty when none did). */
  failures: { nodeId: string; error: string }[];
  /** The run's spending limit (options.budgetUsd); null when it has none. */
  budgetUsd: number | null;
};

export type NodeOutput = { output: unknown; outputRef: string | null; version: number };

/** One kept version of a reviewed node, with the preview its pipeline makes of it. */
export type VersionView = KeptVersion & { view: ReviewView | null };

export interface WorkflowRunRpc {
  create(init: RunInit): Promise<RpcResult<RunSummary>>;
  /**
   * `change.budgetUsd` (resume only) raises the run's spending limit before it goes on; `actor`:
   * who asked (logged as an `acted` message the run's watchers see).
   */
  control(
    action: "pause" | "resume" | "cancel" | "retry",
    change?: { budgetUsd?: number },
    actor?: Actor,
  ): Promise<RpcResult<RunSummary>>;
  destroy(): Promise<void>;
  /** Drops the object's memory as a restart would (the `reset-route` fault only). */
  resetForFaultInjection(): Promise<void>;
  claim(nodeId: string, leaseId: string, claimer?: string): Promise<Assignment | null>;
  /** Several claims in one call (one queue delivery's messages for this run). */
  claimMany(claims: StepClaim[]): Promise<(Assignment | null)[]>;
  complete(nodeId: string, leaseId: string, outcome: StepOutcome, acceptNext?: boolean): Promise<StepReply>;
  completeMany(reports: StepReport[], spareSlots?: number): Promise<StepBatchReply>;
  /**
   * A settled node's current output. `revising`: the output of a node that is re-running for a
   * revision (the version being revised), so a step can change one part and keep the rest.
   */
  readOutput(nodeId: string, options?: { revising?: boolean }): Promise<RpcResult<NodeOutput>>;
  /** Kept versions of a node side by side (before / after), outputs and previews. */
  compareVersions(nodeId: string, versions: number[]): Promise<RpcResult<VersionView[]>>;
  review(
    gateId: string,
    action: ReviewAction,
    actor?: Actor,
  ): Promise<RpcResult<{ buffered: boolean; run: RunSummary }>>;
  describe(): Promise<RpcResult<RunDescription>>;
  /** Switches the run's mode (dialog / auto / hybrid), effective at the next gate. */
  setMode(mode: RunMode): Promise<RpcResult<ModeChange>>;
  /** The run's review history (people and agent), oldest first. */
  reviewHistory(afterId?: number, limit?: number): Promise<RpcResult<ReviewRecord[]>>;
  node(nodeId: string): Promise<RpcResult<Record<string, unknown>>>;
  nodes(afterSeq: number, limit: number, status?: NodeStatus): Promise<Record<string, unknown>[]>;
  /** Live access (durable-objects/workflow-run/connection-auth.ts, live-tickets.ts). */
  issueTicket(keyId: string): Promise<RpcResult<{ ticket: string; expiresAt: number }>>;
  redeemTicket(ticket: string): Promise<string | null>;
  revokeKey(keyId: string): Promise<{ closed: number }>;
}
