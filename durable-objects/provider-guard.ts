/**
 * ProviderGuard — one Durable Object per provider (named by the provider), shared by every
 * isolate: a circuit breaker per model and token buckets (requests and tokens per minute) for the
 * provider. The same class, named `key:<apiKeyId>`, holds an API key's request bucket.
 *
 * Breaker (seed 004): 5 consecutive failures → open for 60 s → half-open lets exactly one probe
 * through → closed on its success, open again on its failure. A probe that never reports back
 * (its isolate died) is given up after PROBE_LEASE_MS so the breaker cannot stick half-open.
 *
 * Every method runs without awaiting, so two concurrent callers can never both take the
 * half-open probe or the last token. What must survive an eviction, the breaker's state and
 * failure count, is written to the object's synchronous KV storage, and only when it changes:
 * a storage write holds the reply until it is durable (output gate), which on the hot path of
 * every call would cost milliseconds. Token buckets and the success / latency statistics live
 * in memory: after an eviction a bucket starts full and the statistics start afresh.
 */
import { DurableObject } from "cloudflare:workers";
import type {
  Admission,
  AdmitRequest,
  LeaseGrant,
  LeaseRequest,
  Outcome,
  SuccessReport,
} from "../workers/providers/guard-types";
import { flushMetricsSoon } from "../workers/observability/flush-metrics";
import { metrics } from "../workers/observability/metrics";

export const FAILURE_THRESHOLD = 5;
export const OPEN_MS = 60_000;
export const PROBE_LEASE_MS = 120_000;
const LATENCY_WINDOW = 100;

export type BreakerState = "closed" | "open" | "half_open";

type Breaker = {
  state: BreakerState;
  consecutiveFailures: number;
  openedAt: number | null;
  probeStartedAt: number | null;
  successes: number;
  failures: number;
  latencies: number[];
  /** When the last health failure was recorded (memory only): orders batched successes. */
  lastFailureAt: number;
};

type Bucket = { tokens: number; updatedAt: number };

export type BreakerSnapshot = {
  model: string;
  state: BreakerState;
  consecutive_failures: number;
  opened_at: number | null;
  success_rate: number | null;
  calls: number;
  p50_latency_ms: number | null;
};

function freshBreaker(): Breaker {
  return {
    state: "closed",
    consecutiveFailures: 0,
    openedAt: null,
    probeStartedAt: null,
    successes: 0,
    failures: 0,
    latencies: [],
    lastFailureAt: 0,
  };
}

/** Refills a per-minute bucket and takes `cost`; returns ms to wait when there is not enough. */
function take(
  bucket: Bucket | undefined,
  perMinute: number,
  cost: number,
  now: number,
): { bucket: Bucket; waitMs: number } {
  const rate = perMinute / 60_000;
  const current = bucket ?? { tokens: perMinute, updatedAt: now };
  const tokens = Math.min(perMinute, current.tokens + Math.max(0, now - current.updatedAt) * rate);
  // A single call larger than the whole bucket may still run once the bucket is full.
  const need = Math.min(cost, perMinute);
  if (tokens >= need) return { bucket: { tokens: tokens - need, updatedAt: now }, waitMs: 0 };
  return { bucket: { tokens, updatedAt: now }, waitMs: Math.ceil((need - tokens) / rate) };
}

/**
 * Takes between `need` and `want` whole tokens (as many as there are, up to `want`), or none and
 * the ms until `need` are there. Used to lease slices to isolates (see leaseAdmission).
 */
function takeUpTo(
  bucket: Bucket | undefined,
  perMinute: number,
  need: number,
  want: number,
  now: number,
): { bucket: Bucket; granted: number; waitMs: number } {
  const r = take(bucket, perMinute, need, now);
  if (r.waitMs > 0) return { ...r, granted: 0 };
  const extra = Math.max(0, Math.min(want - need, Math.floor(r.bucket.tokens)));
  return {
    bucket: { tokens: r.bucket.tokens - extra, updatedAt: now },
    granted: Math.min(need, perMinute) + extra,
    waitMs: 0,
  };
}

/** The part of a breaker that is persisted. */
type Durable = Pick<Breaker, "state" | "consecutiveFailures" | "openedAt" | "probeStartedAt">;

function durablePart(b: Breaker): Durable {
  return {
    state: b.state,
    consecutiveFailures: b.consecutiveFailures,
    openedAt: b.openedAt,
    probeStartedAt: b.probeStartedAt,
  };
}

export class ProviderGuard extends DurableObject<Env> {
  private readonly breakers = new Map<string, Breaker>();
  private readonly buckets = new Map<string, Bucket>();

  private breaker(model: string): Breaker {
    let b = this.breakers.get(model);
    if (!b) {
      const stored = this.ctx.storage.kv.get(`breaker:${model}`) as Durable | undefined;
      b = { ...freshBreaker(), ...stored };
      this.breakers.set(model, b);
    }
    return b;
  }

  /**
   * Persists the durable part of a breaker when it changed (`before` is its earlier JSON), and
   * counts a change of state (tsumugi_breaker_transitions_total, flushed after this call).
   */
  private save(model: string, b: Breaker, before: string, provider = "unknown"): void {
    const now = JSON.stringify(durablePart(b));
    if (now === before) return;
    this.ctx.storage.kv.put(`breaker:${model}`, durablePart(b));
    if ((JSON.parse(before) as Durable).state !== b.state) {
      metrics.count("tsumugi_breaker_transitions_total", { provider, model, to: b.state });
      flushMetricsSoon(this.env, (p) => this.ctx.waitUntil(p));
    }
  }

  /** Reachability probe for GET /health: answers without touching storage. */
  ping(): "pong" {
    return "pong";
  }

  /** May a call to `model` start now? Checks the breaker, then the provider's buckets. */
  admit(req: AdmitRequest): Admission {
    const now = req.now ?? Date.now();
    const b = this.breaker(req.model);
    const before = JSON.stringify(durablePart(b));
    let probe = false;
    if (b.state === "open") {
      const reopenAt = (b.openedAt ?? now) + OPEN_MS;
      if (now < reopenAt) return { ok: false, reason: "circuit_open", retryAfterMs: reopenAt - now };
      b.state = "half_open";
      b.probeStartedAt = null;
    }
    if (b.state === "half_open") {
      if (b.probeStartedAt !== null && now - b.probeStartedAt < PROBE_LEASE_MS) {
        this.save(req.model, b, before, req.provider);
        return { ok: false, reason: "circuit_open", retryAfterMs: b.probeStartedAt + PROBE_LEASE_MS - now };
      }
      probe = true;
    }
    const limited = this.takeBuckets(req, now);
    if (!limited && probe) b.probeStartedAt = now;
    this.save(req.model, b, before, req.provider);
    return limited ?? { ok: true, probe };
  }

  private takeBuckets(req: AdmitRequest, now: number): Admission | undefined {
    const r = req.rpm ? take(this.buckets.get("rpm"), req.rpm, 1, now) : undefined;
    const t = req.tpm ? take(this.buckets.get("tpm"), req.tpm, req.tokens ?? 0, now) : undefined;
    const waitMs = Math.max(r?.waitMs ?? 0, t?.waitMs ?? 0);
    if (waitMs > 0) return { ok: false, reason: "rate_limited", retryAfterMs: waitMs };
    if (r) this.buckets.set("rpm", r.bucket);
    if (t) this.buckets.set("tpm", t.bucket);
    return undefined;
  }

  /** Reports how a call admitted by `admit` went. */
  record(outcome: Outcome): BreakerState {
    const now = outcome.now ?? Date.now();
    const b = this.breaker(outcome.model);
    const before = JSON.stringify(durablePart(b));
    b.latencies.push(outcome.latencyMs);
    if (b.latencies.length > LATENCY_WINDOW) b.latencies.splice(0, b.latencies.length - LATENCY_WINDOW);
    if (outcome.ok) {
      b.successes += 1;
      b.state = "closed";
      b.consecutiveFailures = 0;
      b.openedAt = null;
      b.probeStartedAt = null;
    } else {
      b.failures += 1;
      if (outcome.countsAsFailure !== false) {
        b.lastFailureAt = now;
        b.consecutiveFailures += 1;
        if (b.state === "half_open" || b.consecutiveFailures >= FAILURE_THRESHOLD) {
          b.state = "open";
          b.openedAt = now;
          b.probeStartedAt = null;
        }
      } else if (b.state === "half_open") {
        // The probe failed for a reason unrelated to health: let the next call probe instead.
        b.probeStartedAt = null;
      }
    }
    this.save(outcome.model, b, before, outcome.provider);
    return b.state;
  }

  /**
   * A slice of this provider's buckets for one isolate (workers/providers/guard-lease.ts), granted
   * only while `model`'s breaker is closed; the isolate admits calls from it without asking
   * again. The tokens leave the buckets now, so isolates together never exceed the limits; a
   * slice unspent when its lease ends is simply lost (undershoot, never overshoot).
   */
  leaseAdmission(req: LeaseRequest): LeaseGrant {
    const now = req.now ?? Date.now();
    const b = this.breaker(req.model);
    if (req.report) this.applyReport(req.model, b, req.report, req.provider);
    if (b.state !== "closed") return { ok: false, reason: "not_closed", retryAfterMs: 0 };
    const need = req.refresh ? 0 : 1;
    const r = req.rpm
      ? takeUpTo(this.buckets.get("rpm"), req.rpm, need, Math.max(need, req.wantRequests), now)
      : undefined;
    const t = req.tpm
      ? takeUpTo(this.buckets.get("tpm"), req.tpm, req.tokens, Math.max(req.tokens, req.wantTokens), now)
      : undefined;
    const waitMs = Math.max(r?.waitMs ?? 0, t?.waitMs ?? 0);
    if (waitMs > 0) return { ok: false, reason: "rate_limited", retryAfterMs: waitMs };
    if (r) this.buckets.set("rpm", r.bucket);
    if (t) this.buckets.set("tpm", t.bucket);
    return { ok: true, requests: r ? r.granted : null, tokens: t ? t.granted : null };
  }

  /**
   * Successes an isolate admitted from its slice and reports in a batch: statistics, and a reset
   * of the failure count only if the latest success came after the latest failure (a batch can
   * arrive late; it must not wipe out failures that happened since).
   */
  private applyReport(model: string, b: Breaker, report: SuccessReport, provider?: string): void {
    const before = JSON.stringify(durablePart(b));
    b.successes += report.successes;
    b.latencies.push(...report.latencies);
    if (b.latencies.length > LATENCY_WINDOW) b.latencies.splice(0, b.latencies.length - LATENCY_WINDOW);
    if (b.state === "closed" && report.successes > 0 && report.lastSuccessAt > b.lastFailureAt)
      b.consecutiveFailures = 0;
    this.save(model, b, before, provider);
  }

  /**
   * Takes up to `want` requests from this object's `key` bucket for one isolate's slice
   * (workers/api/request-lease.ts): at least one, or with `refresh` (a background top-up)
   * whatever is there.
   */
  leaseRequests(
    rpm: number,
    want: number,
    now: number = Date.now(),
    refresh = false,
  ): { granted: number; retryAfterMs: number } {
    const need = refresh ? 0 : 1;
    const r = takeUpTo(this.buckets.get("key"), rpm, need, Math.max(need, want), now);
    if (r.waitMs > 0) return { granted: 0, retryAfterMs: r.waitMs };
    this.buckets.set("key", r.bucket);
    return { granted: r.granted, retryAfterMs: 0 };
  }

  /** Takes one request from an API key's bucket (this object named `key:<id>`). */
  takeRequest(rpm: number, now: number = Date.now()): { ok: boolean; retryAfterMs: number } {
    const r = take(this.buckets.get("key"), rpm, 1, now);
    if (r.waitMs > 0) return { ok: false, retryAfterMs: r.waitMs };
    this.buckets.set("key", r.bucket);
    return { ok: true, retryAfterMs: 0 };
  }

  snapshot(now: number = Date.now()): BreakerSnapshot[] {
    const models = new Set(this.breakers.keys());
    for (const [key] of this.ctx.storage.kv.list({ prefix: "breaker:" }))
      models.add(key.slice("breaker:".length));
    return [...models].map((model) => {
      const b = this.breaker(model);
      const calls = b.successes + b.failures;
      const sorted = [...b.latencies].sort((x, y) => x - y);
      const reopened = b.state === "open" && b.openedAt !== null && now >= b.openedAt + OPEN_MS;
      return {
        model,
        state: reopened ? "half_open" : b.state,
        consecutive_failures: b.consecutiveFailures,
        opened_at: b.openedAt,
        success_rate: calls ? b.successes / calls : null,
        calls,
        p50_latency_ms: sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)] ?? null) : null,
      };
    });
  }
}
