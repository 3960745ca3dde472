/**
 * D1 metadata schema (drizzle). Large payloads never live here: R2 holds sources and outputs,
 * each workflow's Durable Object holds its task graph. D1 keeps the indexes people query across
 * runs: which runs and artifacts exist, who may use the API, what it cost, and who did what.
 *
 * After changing this file run `npm run db:generate` and commit the new SQL in migrations/.
 */
import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "number" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** API keys. Only the SHA-256 of a key is stored; the key itself is shown once at creation. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    /** Everything a key creates belongs to its tenant; keys of one tenant share data. */
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    /** The first characters of the key, safe to show in lists ("tsu_ab12cd34…"). */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    /** The member the key acts for; null for keys made before accounts (they act as the team). */
    memberId: text("member_id"),
    /** The key's role, never above its member's (auth/permissions.ts); older keys are owners. */
    role: text("role").notNull().default("owner"),
    /** Optional limits, e.g. ["gateway"]; null means every action the role allows. */
    scopes: text("scopes", { mode: "json" }).$type<string[]>(),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "number" }),
    revokedAt: integer("revoked_at", { mode: "number" }),
  },
  (t) => [uniqueIndex("api_keys_key_hash").on(t.keyHash), index("api_keys_tenant").on(t.tenantId)],
);

/** One row per workflow run, updated at milestones (not per step) by its Durable Object. */
export const workflows = sqliteTable(
  "workflows",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    pipeline: text("pipeline").notNull(),
    status: text("status").notNull(),
    title: text("title"),
    nodesTotal: integer("nodes_total").notNull().default(0),
    nodesDone: integer("nodes_done").notNull().default(0),
    nodesFailed: integer("nodes_failed").notNull().default(0),
    costUsd: real("cost_usd").notNull().default(0),
    error: text("error"),
    /** The API key that started the run (usage and key budgets are attributed to it). */
    apiKeyId: text("api_key_id"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "number" }).notNull(),
    finishedAt: integer("finished_at", { mode: "number" }),
  },
  (t) => [
    index("workflows_tenant_created").on(t.tenantId, t.createdAt),
    index("workflows_tenant_status").on(t.tenantId, t.status),
  ],
);

/** Every output a run stores in R2, so it can be listed and exported without asking the run. */
export const artifacts = sqliteTable(
  "artifacts",
  {
    id: text("id").primaryKey(),
    workflowId: text("workflow_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    nodeId: text("node_id").notNull(),
    kind: text("kind").notNull(),
    r2Key: text("r2_key").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256"),
    promptVersion: text("prompt_version"),
    provider: text("provider"),
    model: text("model"),
    createdAt: createdAt(),
  },
  (t) => [
    index("artifacts_workflow_kind").on(t.workflowId, t.kind),
    uniqueIndex("artifacts_r2_key").on(t.r2Key),
  ],
);

/** One row per provider call (or cache hit), the basis of cost per call, step, run and key. */
export const usageRecords = sqliteTable(
  "usage_records",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    apiKeyId: text("api_key_id"),
    workflowId: text("workflow_id"),
    nodeId: text("node_id"),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    tokensIn: integer("tokens_in").notNull().default(0),
    tokensOut: integer("tokens_out").notNull().default(0),
    costUsd: real("cost_usd").notNull().default(0),
    cached: integer("cached", { mode: "boolean" }).notNull().default(false),
    redactions: integer("redactions").notNull().default(0),
    latencyMs: integer("latency_ms"),
    createdAt: createdAt(),
  },
  (t) => [
    index("usage_tenant_created").on(t.tenantId, t.createdAt),
    index("usage_workflow").on(t.workflowId),
  ],
);

/** Who did what: key management, run control, review actions, deletions. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    apiKeyId: text("api_key_id"),
    /** Who acted, by name (a person's name, or the key's name for keys without a member). */
    actorName: text("actor_name"),
    action: text("action").notNull(),
    target: text("target"),
    requestId: text("request_id"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("audit_tenant_created").on(t.tenantId, t.createdAt)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type WorkflowRow = typeof workflows.$inferSelect;

/** Queue messages that could not be processed, kept so people can see and re-drive them. */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    queue: text("queue").notNull(),
    /** Null when the message was too malformed to say whose it was. */
    tenantId: text("tenant_id"),
    runId: text("run_id"),
    nodeId: text("node_id"),
    reason: text("reason").notNull(),
    body: text("body", { mode: "json" }).$type<unknown>(),
    createdAt: createdAt(),
    redrivenAt: integer("redriven_at", { mode: "number" }),
  },
  (t) => [index("dead_letters_tenant_created").on(t.tenantId, t.createdAt)],
);
/**
 * AI gateway response cache: exact match on a SHA-256 of provider, model, system, messages,
 * parameters and schema (workers/providers/cache.ts). A hit makes no provider call.
 */
export const gatewayCache = sqliteTable(
  "gateway_cache",
  {
    key: text("key").primaryKey(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    /** The cached completion (text, tokens) as JSON. */
    body: text("body").notNull(),
    hits: integer("hits").notNull().default(0),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("gateway_cache_expires").on(t.expiresAt)],
);

/** AI gateway tasks (POST /v1/tasks): queued work with a priority, retries and dead letters. */
export const gatewayTasks = sqliteTable(
  "gateway_tasks",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    apiKeyId: text("api_key_id"),
    /** The W3C trace id of the request that submitted the task: its provider calls carry it. */
    traceId: text("trace_id"),
    kind: text("kind").notNull(),
    /** queued | running | succeeded | failed | dead */
    status: text("status").notNull(),
    priority: integer("priority").notNull().default(0),
    input: text("input", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    providers: text("providers", { mode: "json" }).$type<string[]>(),
    result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
    error: text("error"),
    errorCode: text("error_code"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    /** Not claimable before this time (ms); set by a delayed retry. */
    notBefore: integer("not_before", { mode: "number" }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "number" }).notNull(),
    startedAt: integer("started_at", { mode: "number" }),
    finishedAt: integer("finished_at", { mode: "number" }),
  },
  (t) => [
    index("gateway_tasks_claim").on(t.status, t.priority, t.createdAt),
    index("gateway_tasks_tenant_status").on(t.tenantId, t.status, t.createdAt),
  ],
);

export type GatewayTaskRow = typeof gatewayTasks.$inferSelect;

/**
 * Where each alert rule stands, per tenant (workers/alerts): the cron notifies only when a rule
 * changes state, so a rule that stays firing is announced once and its resolution once.
 */
export const alertStates = sqliteTable(
  "alert_states",
  {
    tenantId: text("tenant_id").notNull(),
    rule: text("rule").notNull(),
    /** firing | ok */
    state: text("state").notNull(),
    value: real("value"),
    threshold: real("threshold").notNull(),
    since: integer("since", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("alert_states_tenant_rule").on(t.tenantId, t.rule)],
);

/** The history of alerts: one row each time a rule fires or resolves for a tenant. */
export const alertEvents = sqliteTable(
  "alert_events",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    rule: text("rule").notNull(),
    /** fired | resolved */
    event: text("event").notNull(),
    value: real("value"),
    threshold: real("threshold").notNull(),
    /** Whether the webhook (ALERT_WEBHOOK_URL) accepted it; null when none is configured. */
    webhookOk: integer("webhook_ok", { mode: "boolean" }),
    createdAt: createdAt(),
  },
  (t) => [index("alert_events_tenant_created").on(t.tenantId, t.createdAt)],
);

/** In-app notifications for a tenant (alerts today), listed by GET /v1/notifications. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_tenant_created").on(t.tenantId, t.createdAt)],
);

export * from "./accounts-schema";

/**
 * One row per decision on a reviewed output (a gate approved or skipped, by a person or the
 * agent): which prompt made it and how many revisions it took. GET /v1/prompts/stats learns
 * from these which prompt variants people accept.
 */
export const promptReviews = sqliteTable(
  "prompt_reviews",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    workflowId: text("workflow_id").notNull(),
    pipeline: text("pipeline").notNull(),
    gate: text("gate").notNull(),
    nodeId: text("node_id").notNull(),
    template: text("template").notNull(),
    version: text("version").notNull(),
    variant: text("variant").notNull(),
    /** `approve` or `skip`. */
    resolution: text("resolution").notNull(),
    /** `person` or `agent`. */
    reviewer: text("reviewer").notNull(),
    /** Revisions asked for before this decision. */
    revisions: integer("revisions").notNull(),
    /** The reviewed step's whole cost, revisions included. */
    costUsd: real("cost_usd").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("prompt_reviews_tenant_template").on(t.tenantId, t.template, t.version, t.variant)],
);

/**
 * A tenant's knowledge-base documents (their text is in the FTS5 table `knowledge_chunks`,
 * created by a hand-written migration: drizzle does not describe virtual tables).
 */
export const knowledgeDocuments = sqliteTable(
  "knowledge_documents",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    title: text("title").notNull(),
    /** `markdown`, `text` or `html` (what was uploaded; the index holds plain text). */
    format: text("format").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    chunks: integer("chunks").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("knowledge_documents_tenant").on(t.tenantId, t.createdAt)],
);
