/**
 * Which function consumes which queue. Each feature owns its queue(s) and registers a consumer
 * here by queue name (the names in wrangler.toml).
 */
import { consumeDeadLetters, STEPS_DLQ } from "./dead-letters";
import { consumeSteps, STEPS_QUEUE } from "./steps";
import { consumeTaskDeadLetters, consumeTasks } from "./tasks";

export type QueueConsumer = (batch: MessageBatch, env: Env, ctx: ExecutionContext) => Promise<void>;

export const queueConsumers: Record<string, QueueConsumer> = {
  [STEPS_QUEUE]: consumeSteps,
  [STEPS_DLQ]: consumeDeadLetters,
  "tsumugi-tasks": consumeTasks,
  "tsumugi-tasks-dlq": consumeTaskDeadLetters,
};
