/**
 * Consumer of the STEPS queue. Each message is one leased step: claim it from its run, run it,
 * report the outcome — and keep going with the next step the run hands back, so a busy run keeps
 * its slots full. Retries of failed steps are the run's business (backoff, attempt limit); a
 * message is only retried here when the run itself could not be reached, and lands in the
 * dead-letter queue after max_retries.
 */
import { runStub } from "../engine/run-stub";
import { executeStep } from "./execute-step";
import { StepReporter } from "./step-reporter";
import { stepMessageSchema } from "../engine/step-message";
import { log } from "../observability/log";
import { observeStep } from "./observe-step";
import { isHealthProbe } from "./health-probe";
import { metrics } from "../observability/metrics";

export const STEPS_QUEUE = "tsumugi-steps";

/**
 * How long one delivery keeps taking steps handed back by the run. Queue consumer invocations
 * have a wall-clock limit (15 min on Cloudflare); after this budget the run dispatches the
 * slot's next step through the queue to a fresh invocation instead.
 */
export const HANDOFF_BUDGET_MS = 5 * 60_000;

export async function consumeSteps(batch: MessageBatch, env: Env): Promise<void> {
  // One reporter per run in this delivery, so the run's slots report together.
  const reporters = new Map<string, StepReporter>();
  const reporterFor = (runId: string) => {
    let reporter = reporters.get(runId);
    if (!reporter) reporters.set(runId, (reporter = new StepReporter(runStub(env, runId))));
    return reporter;
  };
  await Promise.all(batch.messages.map((message) => consumeOne(message, env, reporterFor)));
}

async function consumeOne(
  message: Message,
  env: Env,
  reporterFor: (runId: string) => StepReporter,
): Promise<void> {
  if (isHealthProbe(message.body)) return message.ack();
  const parsed = stepMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    // Retrying a message that can never parse only delays it: dead-letter it now, with why.
    await env.STEPS_DLQ.send({
      reason: "malformed step message",
      issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
      body: message.body,
    });
    message.ack();
    return;
  }
  const { runId, nodeId, leaseId, tenantId } = parsed.data;
  metrics.count("tsumugi_queue_messages_received_total", { queue: STEPS_QUEUE }, 1, tenantId);
  metrics.observe(
    "tsumugi_queue_lag_seconds",
    { queue: STEPS_QUEUE },
    Math.max(0, Date.now() - message.timestamp.getTime()) / 1000,
    tenantId,
  );
  try {
    const run = runStub(env, runId);
    const reporter = reporterFor(runId);
    const started = Date.now();
    let assignment = await run.claim(nodeId, leaseId);
    while (assignment) {
      const outcome = await observeStep(assignment, () => executeStep(env, run, assignment!));
      const acceptNext = Date.now() - started < HANDOFF_BUDGET_MS;
      const reply = await reporter.report({
        nodeId: assignment.nodeId,
        leaseId: assignment.leaseId,
        outcome,
        acceptNext,
      });
      assignment = reply.next;
    }
    message.ack();
  } catch (err) {
    log.error("step message failed", { runId, nodeId, tenantId: parsed.data.tenantId, error: err });
    message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
  }
}
