/**
 * The message GET /health sends through each queue to prove it accepts work. Consumers
 * acknowledge it without doing anything; it is not counted as sent or received, so the steps
 * backlog gauge (sent − received) is not moved by health checks.
 */
export type HealthProbeMessage = { probe: "health"; sentAt: number };

export function healthProbeMessage(sentAt: number): HealthProbeMessage {
  return { probe: "health", sentAt };
}

export function isHealthProbe(body: unknown): body is HealthProbeMessage {
  return typeof body === "object" && body !== null && (body as { probe?: unknown }).probe === "health";
}
