/**
 * The operator's webhook for alerts: a Slack-compatible incoming-webhook body (`text`, plus one
 * attachment with the figures), POSTed to ALERT_WEBHOOK_URL (a secret). Other chat tools that
 * accept Slack's format (Mattermost, Discord's /slack endpoint, Rocket.Chat) take it as is.
 */
import type { AlertTransition } from "./alert-transitions";

const WEBHOOK_TIMEOUT_MS = 10_000;

export type SlackMessage = {
  text: string;
  attachments: { color: string; fields: { title: string; value: string; short: boolean }[] }[];
};

export function alertMessage(tenantId: string, t: AlertTransition): SlackMessage {
  const { alert, event } = t;
  const head = event === "fired" ? `[FIRING] ${alert.name}` : `[RESOLVED] ${alert.name}`;
  return {
    text: `${head}: ${alert.summary} (tenant ${tenantId})`,
    attachments: [
      {
        color: event === "fired" ? "danger" : "good",
        fields: [
          { title: "value", value: String(alert.value), short: true },
          { title: "threshold", value: String(alert.threshold), short: true },
          { title: "tenant", value: tenantId, short: true },
          { title: "runbook", value: alert.runbook, short: false },
        ],
      },
    ],
  };
}

/** Sends one message; true when the webhook answered 2xx. Never throws: the caller records it. */
export async function postWebhook(url: string, message: SlackMessage): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    // The body is not needed; drain it so the connection is released.
    await res.body?.cancel();
    return res.ok;
  } catch {
    // A webhook that is down must not stop the other notifications; `false` is recorded.
    return false;
  }
}
