/**
 * What every gateway call shares: who is calling (tenant, key, run, step), the adapters, router
 * options, budgets and redaction settings. Built once per `createGateway`.
 */
import { openDb, type Db } from "../db/client";
import { recordUsage, recordUsageSoon, type UsageEntry } from "./usage";
import type { BudgetLimits } from "./budget";
import { DEFAULT_TIMEOUT_MS, readSettings, type GatewayEnv } from "./config";
import { GuardClient } from "./guard-client";
import { buildAdapters, resolveChain, type Adapters } from "./registry";
import { DEFAULT_PROVIDER_RETRY, type ProviderRetryPolicy } from "./provider-retry";
import type { RouterOptions } from "./router";
import type { ProviderAdapter, ProviderName } from "./types";
import { log } from "../observability/log";
import { currentTraceId } from "../observability/trace";
import { metrics } from "../observability/metrics";

/** Tokens and cost of one provider call (not a cache hit), for the tenant (in-isolate work only). */
function countUsage(tenantId: string, call: UsageRow): void {
  const labels = { provider: call.provider, model: call.model };
  if (call.cached) return;
  metrics.count("tsumugi_provider_tokens_total", { ...labels, direction: "in" }, call.tokensIn, tenantId);
  metrics.count("tsumugi_provider_tokens_total", { ...labels, direction: "out" }, call.tokensOut, tenantId);
  metrics.count("tsumugi_provider_cost_usd_total", labels, call.costUsd, tenantId);
}

export type GatewayOptions = {
  tenantId: string;
  apiKeyId?: string;
  runId?: string;
  nodeId?: string;
  /** Provider chain for this run (overrides the default order); a request may override it again. */
  providers?: ProviderName[];
  /** Spending limits in USD; a key limit also comes from GATEWAY_KEY_BUDGET_USD. */
  budget?: BudgetLimits;
  /** PII redaction for external providers; on unless set to false. */
  redact?: boolean;
  /** Per-attempt timeout (default GATEWAY_TIMEOUT_MS or 60 s). */
  timeoutMs?: number;
  /** Overall time the call may take, retries and waits included (default 5 minutes). */
  deadlineMs?: number;
  /** Wait for provider rate-limit tokens within the deadline (steps) instead of falling through. */
  waitForRateLimit?: boolean;
  retry?: Partial<ProviderRetryPolicy>;
  /** Lets bookkeeping (usage rows, breaker updates, cache writes) finish after the answer. */
  waitUntil?: (p: Promise<unknown>) => void;
  /**
   * The W3C trace id the provider calls belong to (default: the ambient trace, which the API
   * edge and the consumers set); each provider request gets a new span of it in `traceparent`.
   */
  traceId?: string;
  /** Adapters to use instead of those built from env (tests: a stand-in Workers AI runner). */
  adapters?: Partial<Adapters>;
};

export type GatewayContext = {
  env: GatewayEnv;
  db: Db;
  options: GatewayOptions;
  adapters: Adapters;
  budget: BudgetLimits;
  /** The trace provider calls carry (options.traceId or the ambient trace when built). */
  traceId?: string;
  router(): RouterOptions;
  chain(requested?: ProviderName[]): ProviderAdapter[];
  /** Bookkeeping that must not delay the answer nor fail it. */
  background(label: string, p: Promise<unknown>): Promise<void>;
  /** One usage row for a call, owned by this gateway's tenant, key, run and step (in the background). */
  recordUsage(call: UsageRow): Promise<void>;
};

/** A usage row without its owner (the gateway adds tenant, key, run and step). */
export type UsageRow = Omit<UsageEntry, "tenantId" | "apiKeyId" | "runId" | "nodeId">;

const DEFAULT_DEADLINE_MS = 5 * 60_000;

export function createContext(env: GatewayEnv, options: GatewayOptions): GatewayContext {
  const settings = readSettings(env);
  const adapters = { ...buildAdapters(env), ...options.adapters };
  const guard = new GuardClient(env.PROVIDER_GUARD, settings.GATEWAY_PROVIDER_LIMITS, options.waitUntil);
  const budget: BudgetLimits = { keyUsd: settings.GATEWAY_KEY_BUDGET_USD, ...options.budget };
  const db = openDb(env.DB);
  const context: GatewayContext = {
    env,
    db,
    options,
    adapters,
    budget,
    traceId: options.traceId ?? currentTraceId(),
    router: () => ({
      guard,
      retry: { ...DEFAULT_PROVIDER_RETRY, ...options.retry },
      timeoutMs: options.timeoutMs ?? settings.GATEWAY_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS,
      deadline: Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS),
      waitForRateLimit: options.waitForRateLimit ?? true,
      background: options.waitUntil,
      caller: { tenantId: options.tenantId, runId: options.runId, nodeId: options.nodeId },
    }),
    chain: (requested) => resolveChain(adapters, requested ?? options.providers),
    background(label, p) {
      const safe = p.then(
        () => undefined,
        (err: unknown) => {
          // Bookkeeping failures are logged, never surfaced: the caller already has its answer.
          log.error(`${label} failed`, {
            tenantId: options.tenantId,
            runId: options.runId,
            nodeId: options.nodeId,
            error: err,
          });
        },
      );
      if (options.waitUntil) {
        options.waitUntil(safe);
        return Promise.resolve();
      }
      return safe;
    },
    recordUsage: (call) => {
      countUsage(options.tenantId, call);
      const entry = {
        tenantId: options.tenantId,
        apiKeyId: options.apiKeyId,
        runId: options.runId,
        nodeId: options.nodeId,
        ...call,
      };
      if (options.waitUntil) {
        // Batched with this isolate's other rows, written after the answer (usage.ts).
        recordUsageSoon(db, entry, (p) => void context.background("usage record", p));
        return Promise.resolve();
      }
      return context.background("usage record", recordUsage(db, entry));
    },
  };
  return context;
}
