/**
 * Alert notifications, run by the Cron Trigger: for each tenant with an active key, the alert
 * rules (alerts.ts, the seeds' thresholds unless ALERT_* vars say otherwise) are evaluated on its
 * last hour; each rule that changed state since the previous run is sent to the operator's
 * webhook (ALERT_WEBHOOK_URL, a secret; none configured → no webhook), written as an in-app
 * notification for the tenant (GET /v1/notifications) and as a row of alert_events; the new
 * state goes to alert_states, so a rule that stays firing is not announced again.
 */
import { eq, isNull } from "drizzle-orm";
import { openDb, type Db } from "../db/client";
import { alertEvents, alertStates, apiKeys, notifications } from "../db/schema";
import { log } from "../observability/log";
import { evaluateAlerts } from "./alerts";
import { alertTransitions, type AlertTransition, type StoredAlertState } from "./alert-transitions";
import { alertMessage, postWebhook } from "./alert-webhook";
import { summaryFor } from "./tenant-summary";

/** Tenants evaluated per run: bounded so one cron run stays short. */
export const ALERT_TENANTS_PER_RUN = 200;

export type AlertEnv = Env & { ALERT_WEBHOOK_URL?: string };
export type AlertReport = { tenants: number; fired: number; resolved: number; webhookFailures: number };

export async function notifyAlerts(env: AlertEnv, now: number = Date.now()): Promise<AlertReport> {
  const db = openDb(env.DB);
  const report: AlertReport = { tenants: 0, fired: 0, resolved: 0, webhookFailures: 0 };
  const tenants = await db
    .selectDistinct({ tenantId: apiKeys.tenantId })
    .from(apiKeys)
    .where(isNull(apiKeys.revokedAt))
    .limit(ALERT_TENANTS_PER_RUN)
    .all();
  for (const { tenantId } of tenants) {
    report.tenants++;
    const alerts = evaluateAlerts(await summaryFor(env, tenantId, "1h", now), env);
    const previous: StoredAlertState[] = (
      await db.select().from(alertStates).where(eq(alertStates.tenantId, tenantId)).all()
    ).map((row) => ({ rule: row.rule, state: row.state === "firing" ? "firing" : "ok" }));
    for (const t of alertTransitions(previous, alerts)) {
      const delivered = await announce(env, db, tenantId, t, now);
      if (t.event === "fired") report.fired++;
      else report.resolved++;
      if (delivered === false) report.webhookFailures++;
    }
  }
  return report;
}

/** One transition: webhook, then the state, the history row and the notification together. */
async function announce(
  env: AlertEnv,
  db: Db,
  tenantId: string,
  t: AlertTransition,
  now: number,
): Promise<boolean | null> {
  const { alert, event } = t;
  const message = alertMessage(tenantId, t);
  const delivered = env.ALERT_WEBHOOK_URL ? await postWebhook(env.ALERT_WEBHOOK_URL, message) : null;
  if (delivered === false) log.error("alert webhook failed", { tenantId, rule: alert.name, event });
  const state = event === "fired" ? "firing" : "ok";
  // One batch: the state change and its records land together or not at all, so a failed
  // write is retried by the next run instead of leaving a state without its notification.
  await db.batch([
    db
      .insert(alertStates)
      .values({
        tenantId,
        rule: alert.name,
        state,
        value: alert.value,
        threshold: alert.threshold,
        since: now,
      })
      .onConflictDoUpdate({
        target: [alertStates.tenantId, alertStates.rule],
        set: { state, value: alert.value, threshold: alert.threshold, since: now },
      }),
    db.insert(alertEvents).values({
      id: crypto.randomUUID(),
      tenantId,
      rule: alert.name,
      event,
      value: alert.value,
      threshold: alert.threshold,
      webhookOk: delivered,
      createdAt: now,
    }),
    db.insert(notifications).values({
      id: crypto.randomUUID(),
      tenantId,
      kind: `alert.${event}`,
      title: event === "fired" ? `Alert: ${alert.name}` : `Resolved: ${alert.name}`,
      body: `${alert.summary}: ${alert.value} (threshold ${alert.threshold})`,
      data: { rule: alert.name, value: alert.value, threshold: alert.threshold, runbook: alert.runbook },
      createdAt: now,
    }),
  ]);
  log.info("alert", { tenantId, rule: alert.name, event, value: alert.value, webhook: delivered });
  return delivered;
}
