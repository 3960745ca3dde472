/**
 * The provider router: walks an ordered chain of providers, and for each asks the breaker and
 * rate limits for admission, runs the attempt with a timeout, classifies failures, retries the
 * same provider per the retry policy, and falls back to the next provider when it gives up.
 * Budget errors stop the whole chain: another provider would spend the same money.
 */
import {
  CircuitOpenError,
  NoProviderError,
  RateLimitError,
  type ErrorClass,
  type GatewayError,
} from "./errors";
import { classifyError } from "./classify";
import type { GuardClient } from "./guard-client";
import { providerRetryDelayMs, type ProviderRetryPolicy } from "./provider-retry";
import type { ProviderAdapter, ProviderName } from "./types";
import { log as logger, type LogContext } from "../observability/log";
import { metrics } from "../observability/metrics";

/** Counts one attempt and writes its log line (in-isolate work only). */
function observeAttempt(
  opts: RouterOptions,
  provider: ProviderName,
  model: string,
  outcome: string,
  ms: number,
): void {
  const tenantId = opts.caller?.tenantId;
  metrics.count("tsumugi_provider_calls_total", { provider, model, outcome }, 1, tenantId);
  metrics.observe("tsumugi_provider_call_duration_seconds", { provider, model }, ms / 1000, tenantId);
  const fields = { ...opts.caller, provider, model, outcome, durationMs: Math.round(ms) };
  if (outcome === "ok") logger.info("provider call", fields);
  else logger.warn("provider call", fields);
}

export type AttemptLog = {
  provider: ProviderName;
  model: string;
  classification: ErrorClass;
  message: string;
};

/** The attempt's timeout: its signal aborts when it fires; a stream keeps it alive per chunk. */
export class AttemptTimer {
  private readonly controller = new AbortController();
  private handle: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly ms: number) {
    this.touch();
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }
  /** Restarts the countdown (a stream calls this on every chunk: an idle timeout). */
  touch(): void {
    clearTimeout(this.handle);
    this.handle = setTimeout(() => this.controller.abort(new Error("attempt timed out")), this.ms);
  }
  clear(): void {
    clearTimeout(this.handle);
  }
}

export type RouterOptions = {
  guard: GuardClient;
  retry: ProviderRetryPolicy;
  timeoutMs: number;
  /** Absolute time (ms) after which no further wait or attempt starts. */
  deadline: number;
  /** Steps wait for rate-limit tokens within their deadline; direct API callers fall through. */
  waitForRateLimit: boolean;
  /** Runs after each attempt without delaying the answer (ctx.waitUntil), or awaited when absent. */
  background?: (p: Promise<unknown>) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Who is calling, for the metrics and log lines of each attempt. */
  caller?: LogContext;
};

export type Routed<T> = {
  value: T;
  adapter: ProviderAdapter;
  model: string;
  latencyMs: number;
  attempts: AttemptLog[];
};

export type Attempt<T> = {
  adapter: ProviderAdapter;
  model: string;
  /** Estimated tokens, for the tokens-per-minute bucket. */
  tokens: number;
  /** A result that needs no provider call (a cache hit), checked before admission. */
  shortcut?: () => Promise<T | undefined>;
  /** The call itself. On success the timer is the caller's (a stream keeps using it). */
  run: (timer: AttemptTimer) => Promise<T>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function route<T>(attempts: Attempt<T>[], opts: RouterOptions): Promise<Routed<T>> {
  const log: AttemptLog[] = [];
  const sleep = opts.sleep ?? defaultSleep;
  const track = (p: Promise<unknown>) => {
    const safe = p.catch((err: unknown) => {
      // Breaker bookkeeping must never fail the call it describes; it is logged instead.
      logger.warn("provider guard update failed", { error: err });
    });
    if (opts.background) opts.background(safe);
    return opts.background ? Promise.resolve() : safe;
  };
  let lastError: GatewayError | undefined;

  for (const [index, a] of attempts.entries()) {
    const { adapter, model } = a;
    if (index > 0) {
      const previous = attempts[index - 1]!.adapter.name;
      metrics.count("tsumugi_provider_fallbacks_total", { provider: previous }, 1, opts.caller?.tenantId);
    }
    const shortcut = await a.shortcut?.();
    if (shortcut !== undefined) return { value: shortcut, adapter, model, latencyMs: 0, attempts: log };

    let attempt = 0;
    while (attempt < opts.retry.maxAttempts) {
      const admission = await opts.guard.admit(adapter.name, model, a.tokens);
      if (!admission.ok) {
        const canWait =
          admission.reason === "rate_limited" &&
          opts.waitForRateLimit &&
          Date.now() + admission.retryAfterMs < opts.deadline;
        if (canWait) {
          const labels = { provider: adapter.name };
          metrics.count("tsumugi_rate_limit_waits_total", labels, 1, opts.caller?.tenantId);
          metrics.count(
            "tsumugi_rate_limit_wait_seconds_total",
            labels,
            admission.retryAfterMs / 1000,
            opts.caller?.tenantId,
          );
          await sleep(admission.retryAfterMs);
          continue;
        }
        lastError =
          admission.reason === "circuit_open"
            ? new CircuitOpenError(`${adapter.name}/${model} circuit is open`, admission.retryAfterMs, {
                provider: adapter.name,
                model,
              })
            : new RateLimitError(
                `${adapter.name} rate limit reached (gateway bucket)`,
                admission.retryAfterMs,
                { provider: adapter.name, model },
              );
        log.push({
          provider: adapter.name,
          model,
          classification: lastError.classification,
          message: lastError.message,
        });
        break;
      }
      attempt += 1;
      const started = performance.now();
      const timer = new AttemptTimer(Math.min(opts.timeoutMs, Math.max(1, opts.deadline - Date.now())));
      try {
        const value = await a.run(timer);
        const latencyMs = performance.now() - started;
        observeAttempt(opts, adapter.name, model, "ok", latencyMs);
        await track(opts.guard.record(adapter.name, model, true, latencyMs));
        return { value, adapter, model, latencyMs, attempts: log };
      } catch (err) {
        timer.clear();
        const error = classifyError(err, { provider: adapter.name, model, signal: timer.signal });
        observeAttempt(opts, adapter.name, model, error.classification, performance.now() - started);
        if (error.classification === "budget_exceeded") throw error;
        lastError = error;
        log.push({
          provider: adapter.name,
          model,
          classification: error.classification,
          message: error.message,
        });
        await track(
          opts.guard.record(adapter.name, model, false, performance.now() - started, error.classification),
        );
        const delay = providerRetryDelayMs(error, attempt, opts.retry);
        if (delay === undefined || Date.now() + delay >= opts.deadline) break;
        metrics.count("tsumugi_provider_retries_total", { provider: adapter.name }, 1, opts.caller?.tenantId);
        await sleep(delay);
      }
    }
  }
  const tried = log.map((l) => `${l.provider}/${l.model}: ${l.classification}`).join("; ");
  throw new NoProviderError(
    attempts.length === 0 ? "No provider is configured for this request" : `Every provider failed (${tried})`,
    log,
    lastError,
  );
}
