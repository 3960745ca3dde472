/**
 * Gauges read from their source of truth when asked: runs by status and queued tasks (D1),
 * breaker states (each provider's ProviderGuard), and the two derived from stored counters —
 * steps in flight (started − finished) and the steps queue backlog (sent − received).
 * Derived values drift only if an isolate dies with unflushed counts; they are clamped at 0.
 */
import { PROVIDER_NAMES } from "../providers/types";
import type { GaugeSample } from "./prometheus";
import { total, type Series } from "./series";

export const STEPS_QUEUE_NAME = "tsumugi-steps";
export const TASKS_QUEUE_NAME = "tsumugi-tasks";

export function derivedGauges(series: Series[]): GaugeSample[] {
  const inFlight =
    total(series, "tsumugi_steps_started_total") - total(series, "tsumugi_steps_finished_total");
  const backlog =
    total(series, "tsumugi_queue_messages_sent_total", { queue: STEPS_QUEUE_NAME }) -
    total(series, "tsumugi_queue_messages_received_total", { queue: STEPS_QUEUE_NAME });
  return [
    { name: "tsumugi_steps_in_flight", labels: {}, value: Math.max(0, inFlight) },
    { name: "tsumugi_queue_backlog", labels: { queue: STEPS_QUEUE_NAME }, value: Math.max(0, backlog) },
  ];
}

/** Runs by status and queued tasks, for every tenant or one. */
export async function storedGauges(db: D1Database, tenantId?: string): Promise<GaugeSample[]> {
  const where = tenantId === undefined ? "" : " WHERE tenant_id = ?";
  const runs = db.prepare(`SELECT status, COUNT(*) AS n FROM workflows${where} GROUP BY status`);
  const tasks = db.prepare(
    `SELECT COUNT(*) AS n FROM gateway_tasks WHERE status = 'queued'${tenantId === undefined ? "" : " AND tenant_id = ?"}`,
  );
  const bound = tenantId === undefined ? [runs, tasks] : [runs.bind(tenantId), tasks.bind(tenantId)];
  const [runRows, taskRows] = await db.batch<{ status?: string; n: number }>(bound);
  return [
    ...(runRows?.results ?? []).map((r) => ({
      name: "tsumugi_runs" as const,
      labels: { status: String(r.status) },
      value: r.n,
    })),
    {
      name: "tsumugi_queue_backlog",
      labels: { queue: TASKS_QUEUE_NAME },
      value: taskRows?.results[0]?.n ?? 0,
    },
  ];
}

/** 1 per provider model whose breaker is open or half-open, 0 when closed. */
export async function breakerGauges(ns: Env["PROVIDER_GUARD"]): Promise<GaugeSample[]> {
  const guarded = PROVIDER_NAMES.filter((p) => p !== "offline");
  const snapshots = await Promise.all(guarded.map((p) => ns.get(ns.idFromName(p)).snapshot()));
  return guarded.flatMap((provider, i) =>
    (snapshots[i] ?? []).map((b) => ({
      name: "tsumugi_breaker_open" as const,
      labels: { provider, model: b.model },
      value: b.state === "closed" ? 0 : 1,
    })),
  );
}
