/**
 * Consumers of the gateway task queues. A message on `tsumugi-tasks` is one unit of work, not a
 * particular task: the consumer claims the highest-priority ready task from D1 (store.ts), so a
 * backlog drains in priority order. A retryable failure puts the task back with a backoff and
 * retries the message with the same delay; the last failure, or a non-retryable one, marks the
 * task dead with its reason (listable, re-drivable). Because a message is a unit of work rather
 * than a task, a message the queue itself gives up on (`tsumugi-tasks-dlq`: the consumer kept
 * throwing, e.g. D1 unavailable) is turned back into a delayed work token, so queued tasks are
 * never stranded; a task's own fate is decided by its attempts in D1.
 */
import { ZodError } from "zod";
import { openDb, type Db } from "../db/client";
import type { GatewayEnv } from "../providers/config";
import { GatewayError, NoProviderError, type ErrorClass } from "../providers/errors";
import { publishTaskEvent } from "../providers/tasks/events";
import { runTask } from "../providers/tasks/run-task";
import { taskMessageSchema } from "../providers/tasks/schema";
import { claimNextTask, deadLetterTask, finishTask, requeueTask } from "../providers/tasks/store";
import { log } from "../observability/log";
import { withTrace } from "../observability/trace";
import type { GatewayTaskRow } from "../db/schema";
import { isHealthProbe } from "./health-probe";

const RETRY_BASE_SECONDS = 2;
const DEAD_LETTER_RESEND_SECONDS = 60;

/** Worth running the task again later: transient provider trouble, an open breaker included. */
const TASK_RETRYABLE = new Set<ErrorClass>(["rate_limit", "timeout", "network", "server", "circuit_open"]);

function describe(err: unknown): { message: string; code: string; retryable: boolean } {
  const shown = err instanceof NoProviderError && err.lastError ? err.lastError : err;
  // A stored input that no longer parses will not parse next time either.
  if (err instanceof ZodError) return { message: err.message, code: "invalid_task_input", retryable: false };
  if (shown instanceof GatewayError) {
    return {
      message: (err as Error).message,
      code: shown.classification,
      retryable: TASK_RETRYABLE.has(shown.classification),
    };
  }
  return {
    message: err instanceof Error ? err.message : String(err),
    code: "internal_error",
    retryable: true,
  };
}

async function processOne(message: Message, env: GatewayEnv, ctx: ExecutionContext): Promise<void> {
  if (isHealthProbe(message.body)) return message.ack();
  const db = openDb(env.DB);
  const task = await claimNextTask(db);
  if (!task) {
    message.ack();
    return;
  }
  // The task's own trace (a message is a unit of work, not this task): its log lines carry it.
  await withTrace(task.traceId ?? undefined, () => runClaimed(message, env, ctx, db, task));
}

async function runClaimed(
  message: Message,
  env: GatewayEnv,
  ctx: ExecutionContext,
  db: Db,
  task: GatewayTaskRow,
): Promise<void> {
  await publishTaskEvent(env, task);
  try {
    const result = await runTask(env, task, ctx);
    await finishTask(db, task.id, result);
    await publishTaskEvent(env, { ...task, status: "succeeded" }, { provider: String(result.provider) });
    message.ack();
  } catch (err) {
    const { message: reason, code, retryable } = describe(err);
    if (retryable && task.attempts < task.maxAttempts) {
      const delaySeconds = RETRY_BASE_SECONDS * 2 ** (task.attempts - 1);
      await requeueTask(db, task.id, Date.now() + delaySeconds * 1000, reason, code);
      await publishTaskEvent(env, { ...task, status: "queued", error: reason });
      message.retry({ delaySeconds });
      return;
    }
    const dead = await deadLetterTask(db, task.id, reason, code);
    if (dead) await publishTaskEvent(env, dead);
    message.ack();
  }
}

export async function consumeTasks(batch: MessageBatch, env: Env, ctx: ExecutionContext): Promise<void> {
  await Promise.all(batch.messages.map((m) => processOne(m, env, ctx)));
}

export async function consumeTaskDeadLetters(batch: MessageBatch, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const parsed = taskMessageSchema.safeParse(message.body);
    log.error("task work message dead-lettered; re-sending it delayed", { messageId: message.id });
    if (parsed.success) await env.TASKS.send(parsed.data, { delaySeconds: DEAD_LETTER_RESEND_SECONDS });
    message.ack();
  }
}
