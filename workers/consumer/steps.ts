/**
 * Consumer of the STEPS queue. Each message is one leased step: claim it from its run, run it,
 * report the outcome — and keep going with the next step the run hands back, so a busy run keeps
 * its slots full. Retries of failed steps are the run's business (backoff, attempt limit); a
 * message is only retried here when the run itself could not be reached, and lands in the
 * dead-letter queue after max_retries.
 */
import { runStub } from "../engine/run-stub";
import { executeStep } from "./execute-step";
import { stepMessageSchema } from "./step-message";

export const STEPS_QUEUE = "tsumugi-steps";

/**
 * How long one delivery keeps taking steps handed back by the run. Queue consumer invocations
 * have a wall-clock limit (15 min on Cloudflare); after this budget the run dispatches the
 * slot's next step through the queue to a fresh invocation instead.
 */
export const HANDOFF_BUDGET_MS = 5 * 60_000;

export async function consumeSteps(batch: MessageBatch, env: Env): Promise<void> {
  await Promise.all(batch.messages.map((message) => consumeOne(message, env)));
}

async function consumeOne(message: Message, env: Env): Promise<void> {
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
  const { runId, nodeId, leaseId } = parsed.data;
  try {
    const run = runStub(env, runId);
    const started = Date.now();
    let assignment = await run.claim(nodeId, leaseId);
    while (assignment) {
      const outcome = await executeStep(env, run, assignment);
      const acceptNext = Date.now() - started < HANDOFF_BUDGET_MS;
      const current = assignment;
      const reply = await reportWithRetry(() =>
        run.complete(current.nodeId, current.leaseId, outcome, acceptNext),
      );
      assignment = reply.next;
    }
    message.ack();
  } catch (err) {
    console.error(
      JSON.stringify({ level: "error", msg: "step message failed", runId, nodeId, error: String(err) }),
    );
    message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
  }
}

/**
 * A report that fails in transit (the run was evicted or redeployed mid-call) is retried here:
 * reports are idempotent per lease, and losing one would make the run re-execute — and pay for —
 * a step that already succeeded.
 */
async function reportWithRetry<T>(report: () => Promise<T>): Promise<T> {
  const delays = [50, 250, 1_000, 3_000];
  for (let attempt = 0; ; attempt++) {
    try {
      return await report();
    } catch (err) {
      const delay = delays[attempt];
      if (delay === undefined) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
