/**
 * Consumer of the STEPS queue. Each message is one leased step: claim it from its run, run it,
 * report the outcome — and keep going with the next step the run hands back, so a busy run keeps
 * its slots full. When a step unblocks many (a split, a fan-out), the run hands the extra steps to
 * this invocation's spare slots instead of the queue: a queue delivers to one invocation at a
 * time locally (and on Cloudflare until it scales out), so queued steps would wait for this one
 * to end. Retries of failed steps are the run's business (backoff, attempt limit); a message is
 * only retried here when the run itself could not be reached, and lands in the dead-letter queue
 * after max_retries.
 */
import { faultEnabled } from "../engine/fault-injection";
import { runStub } from "../engine/run-stub";
import type { Assignment } from "../engine/types";
import { executeStep } from "./execute-step";
import { StepReporter } from "./step-reporter";
import { stepMessageSchema } from "../engine/step-message-schema";
import { log } from "../observability/log";
import { isTraceId, withTrace } from "../observability/trace";
import { metrics } from "../observability/metrics";
import { isHealthProbe } from "./health-probe";
import { observeStep } from "./observe-step";

export const STEPS_QUEUE = "tsumugi-steps";

/**
 * How long one delivery keeps taking steps handed back by the run. Queue consumer invocations
 * have a wall-clock limit (15 min on Cloudflare); after this budget the run dispatches the
 * slot's next step through the queue to a fresh invocation instead.
 */
export const HANDOFF_BUDGET_MS = 5 * 60_000;

/**
 * Steps one invocation runs at once: the queue's max_batch_size, so a full batch and a run's
 * hand-outs are bounded alike. Steps mostly wait on providers, not on this isolate's CPU.
 */
export const MAX_SLOTS_PER_DELIVERY = 100;

export async function consumeSteps(batch: MessageBatch, env: Env): Promise<void> {
  await new Delivery(env).run(batch.messages);
}

/** One invocation: its messages, the slots running steps, one reporter per run. */
class Delivery {
  private readonly started = Date.now();
  private readonly reporters = new Map<string, StepReporter>();
  private readonly running = new Set<Promise<void>>();
  private busy = 0;

  private readonly everyStepQueued: boolean;

  constructor(private readonly env: Env) {
    this.everyStepQueued = faultEnabled(env, "duplicate-steps");
  }

  async run(messages: readonly Message[]): Promise<void> {
    this.busy = messages.length;
    for (const message of messages) this.track(this.consumeTracedMessage(message));
    // Slots started by hand-outs join the set while others run; wait until none is left.
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Whether slots take more steps from the run (with duplicated messages, every step is queued). */
  private withinBudget(): boolean {
    return Date.now() - this.started < HANDOFF_BUDGET_MS && !this.everyStepQueued;
  }

  private track(slot: Promise<void>): void {
    const tracked = slot.finally(() => {
      this.busy--;
      this.running.delete(tracked);
    });
    this.running.add(tracked);
  }

  private reporterFor(runId: string): StepReporter {
    let reporter = this.reporters.get(runId);
    if (!reporter) {
      reporter = new StepReporter(() => runStub(this.env, runId), {
        spare: () => (this.withinBudget() ? Math.max(0, MAX_SLOTS_PER_DELIVERY - this.busy) : 0),
        onExtra: (assignments) => {
          this.busy += assignments.length;
          for (const assignment of assignments) this.track(this.runExtraSlot(runId, assignment));
        },
      });
      this.reporters.set(runId, reporter);
    }
    return reporter;
  }

  /** A step message runs inside its run's trace, so its log lines and provider calls carry it. */
  private consumeTracedMessage(message: Message): Promise<void> {
    const body = message.body as { traceId?: unknown } | null;
    const traceId = isTraceId(body?.traceId) ? body.traceId : undefined;
    return withTrace(traceId, () => this.consumeMessage(message));
  }

  private async consumeMessage(message: Message): Promise<void> {
    if (isHealthProbe(message.body)) return message.ack();
    const parsed = stepMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      // Retrying a message that can never parse only delays it: dead-letter it now, with why.
      await this.env.STEPS_DLQ.send({
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
      // The message id: a retry of this message may claim again, a duplicate of it may not.
      const assignment = await this.reporterFor(runId).claim({ nodeId, leaseId, claimer: message.id });
      if (assignment) await this.runSlot(runId, assignment);
      message.ack();
    } catch (err) {
      this.reporterFor(runId).renew();
      log.error("step message failed", { runId, nodeId, tenantId: parsed.data.tenantId, error: err });
      message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
    }
  }

  /**
   * A slot the run handed out has no message to retry: when its run cannot be reached, the
   * step's lease expires and the run sends it again.
   */
  private async runExtraSlot(runId: string, first: Assignment): Promise<void> {
    try {
      await this.runSlot(runId, first);
    } catch (err) {
      log.error("handed-out step failed to report", { runId, nodeId: first.nodeId, error: err });
    }
  }

  /** Runs a claimed step, then each step the run hands back to this slot. */
  private async runSlot(runId: string, first: Assignment): Promise<void> {
    const reporter = this.reporterFor(runId);
    let assignment: Assignment | null = first;
    while (assignment) {
      const current: Assignment = assignment;
      // Each step runs in its own run's trace (a handed-out step may come with no message).
      const outcome = await withTrace(current.traceId, () =>
        observeStep(current, () => executeStep(this.env, reporter.run, current)),
      );
      const reply = await reporter.report({
        nodeId: assignment.nodeId,
        leaseId: assignment.leaseId,
        outcome,
        acceptNext: this.withinBudget(),
      });
      assignment = reply.next;
    }
  }
}
