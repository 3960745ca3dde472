/** Publishes a task's new status to its tenant's live stream (TaskEvents Durable Object). */
import type { GatewayTaskRow } from "../../db/schema";

export async function publishTaskEvent(
  env: Env,
  task: GatewayTaskRow,
  extra: { provider?: string } = {},
): Promise<void> {
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
}
