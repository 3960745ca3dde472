/**
 * Which alert rules changed state since the last evaluation: a rule that starts firing fires
 * once, one that stays firing says nothing, one that stops firing resolves once. A rule whose
 * value is unknown (not enough data) keeps its previous state, so a quiet hour neither fires nor
 * resolves anything.
 */
import type { MetricsAlert } from "../protocol/metrics";

export type StoredAlertState = { rule: string; state: "firing" | "ok" };
export type AlertTransition = { alert: MetricsAlert; event: "fired" | "resolved" };

export function alertTransitions(previous: StoredAlertState[], now: MetricsAlert[]): AlertTransition[] {
  const was = new Map(previous.map((p) => [p.rule, p.state]));
  const out: AlertTransition[] = [];
  for (const alert of now) {
    if (alert.state === "unknown") continue;
    const before = was.get(alert.name) ?? "ok";
    if (alert.state === "firing" && before !== "firing") out.push({ alert, event: "fired" });
    if (alert.state === "ok" && before === "firing") out.push({ alert, event: "resolved" });
  }
  return out;
}
