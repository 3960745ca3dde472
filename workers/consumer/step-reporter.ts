/**
 * Reports of one consumer invocation to one run, coalesced: slots that finish in the same turn
 * (they often do — steps of a wave take about as long) share one RPC and one commit in the run.
 * A report that fails in transit is retried: reports are idempotent per lease, and losing one
 * would make the run re-execute — and pay for — a step that already succeeded.
 */
import type { StepReport } from "../engine/run-rpc";
import type { WorkflowRunApi } from "../engine/run-stub";
import type { Assignment } from "../engine/types";

type Reply = { accepted: boolean; next: Assignment | null };
type Pending = { report: StepReport; resolve: (reply: Reply) => void; reject: (err: unknown) => void };

const RETRY_DELAYS_MS = [50, 250, 1_000, 3_000];

export class StepReporter {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly run: WorkflowRunApi) {}

  report(report: StepReport): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.pending.push({ report, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // Reports arriving before the next turn go together.
      setTimeout(() => void this.flush(), 0);
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending.splice(0);
    try {
      const replies = await withRetry(() => this.run.completeMany(batch.map((p) => p.report)));
      batch.forEach((p, i) => p.resolve(replies[i] ?? { accepted: false, next: null }));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}

async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
