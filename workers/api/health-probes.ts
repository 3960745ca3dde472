/**
 * The checks behind GET /health. Each really uses its binding, within PROBE_TIMEOUT_MS:
 * D1 reads the latest applied migration; R2 heads a key; each queue accepts a probe message
 * (which its consumer acknowledges without work: consumer/health-probe.ts); each Durable Object
 * namespace answers `ping()`; Workers AI lists one model when bound, and is "not_configured"
 * otherwise (it is a remote-only binding, absent in local development).
 */
import type { HealthCheck } from "../protocol/health";
import { healthProbeMessage } from "../consumer/health-probe";

export const PROBE_TIMEOUT_MS = 3_000;

type Probe = () => Promise<string | undefined>;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Runs a probe; a missing binding (undefined) is "not_configured" when `optional`, else failing. */
export async function check(probe: Probe, binding: unknown, optional = false): Promise<HealthCheck> {
  if (binding === undefined || binding === null) {
    return optional
      ? { ok: false, state: "not_configured", detail: "not configured (remote-only binding; absent locally)" }
      : { ok: false, state: "failing", error: "binding missing from this deployment" };
  }
  const started = performance.now();
  try {
    const detail = await withTimeout(probe(), PROBE_TIMEOUT_MS);
    const result: HealthCheck = { ok: true, state: "ok", latencyMs: Math.round(performance.now() - started) };
    if (detail) result.detail = detail;
    return result;
  } catch (err) {
    return {
      ok: false,
      state: "failing",
      latencyMs: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

export async function probeD1(db: D1Database): Promise<string> {
  const row = await db
    .prepare("SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1")
    .first<{ name: string }>()
    .catch((err: unknown) => {
      throw new Error(`migrations not applied (${String(err)})`);
    });
  if (!row) throw new Error("migrations not applied");
  return `migration ${row.name}`;
}

export async function probeR2(bucket: R2Bucket): Promise<undefined> {
  // A head of a key that never exists: a round trip to the bucket that writes nothing.
  await bucket.head("_health/probe");
  return undefined;
}

export async function probeQueue(queue: Queue): Promise<undefined> {
  await queue.send(healthProbeMessage(Date.now()));
  return undefined;
}

export async function probeObject(ping: () => Promise<string>): Promise<undefined> {
  const answer = await ping();
  if (answer !== "pong") throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
  return undefined;
}

export async function probeWorkersAi(ai: Ai): Promise<string> {
  const models = await ai.models({ per_page: 1 });
  return `reachable (${models.length ? "models listed" : "no models listed"})`;
}
