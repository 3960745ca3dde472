/**
 * Publishes a task's new status to its tenant's live stream (TaskEvents Durable Object). Best
 * effort: the event stream is a signal, D1 is the record, so a failed publish is logged and
 * never fails (or re-runs) the task it describes.
 */
import type { GatewayTaskRow } from "../../db/schema";
import { log } from "../../observability/log";

export async function publishTaskEvent(
  env: Env,
  task: GatewayTaskRow,
  extra: { provider?: string } = {},
): Promise<void> {
  try {
    const stub = env.TASK_EVENTS.get(env.TASK_EVENTS.idFromName(task.tenantId));
    await stub.publish({
      id: task.id,
      status: task.status,
      kind: task.kind,
      priority: task.priority,
      provider: extra.provider ?? null,
      error: task.error,
      at: Date.now(),
    });
  } catch (err) {
    log.warn("task event not published", { taskId: task.id, error: err });
  }
}
