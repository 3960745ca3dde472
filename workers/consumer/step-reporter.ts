/**
 * Reports of one consumer invocation to one run, coalesced: slots that finish in the same turn
 * (they often do — steps of a wave take about as long) share one RPC and one commit in the run.
 * A report that fails in transit is retried: reports are idempotent per lease, and losing one
 * would make the run re-execute — and pay for — a step that already succeeded.
 *
 * With each flush the reporter offers the invocation's spare slots; steps the run hands out for
 * them go to `onExtra`, which starts them alongside (see steps.ts).
 *
 * Claims of queued steps are coalesced the same way: the messages of one delivery for this run
 * claim in one RPC (a failed claim is not retried here — its messages are, by the queue).
 *
 * A failed call is retried on a new stub: when the run's object restarts (Cloudflare moves or
 * resets it), a stub that was talking to it stays broken, and every retry through it would fail
 * — the step, done and paid for, would then run again.
 */
import type { StepClaim, StepReply, StepReport } from "../engine/run-rpc";
import type { WorkflowRunApi } from "../engine/run-stub";
import type { Assignment } from "../engine/types";

type Pending = { report: StepReport; resolve: (reply: StepReply) => void; reject: (err: unknown) => void };
type PendingClaim = {
  claim: StepClaim;
  resolve: (assignment: Assignment | null) => void;
  reject: (err: unknown) => void;
};

export type SpareSlots = {
  /** How many more steps the invocation can run now. */
  spare(): number;
  /** Runs steps the run handed out for the spare slots. */
  onExtra(assignments: Assignment[]): void;
};

const RETRY_DELAYS_MS = [50, 250, 1_000, 3_000];

export class StepReporter {
  private pending: Pending[] = [];
  private scheduled = false;
  private claims: PendingClaim[] = [];

  private current: WorkflowRunApi;

  constructor(
    private readonly connect: () => WorkflowRunApi,
    private readonly slots: SpareSlots = { spare: () => 0, onExtra: () => {} },
  ) {
    this.current = connect();
  }

  /** The run's stub, renewed after a call through it failed. */
  get run(): WorkflowRunApi {
    return this.current;
  }

  /** After a failed call through `run` elsewhere (a claim, say): the next calls use a new stub. */
  renew(): void {
    this.current = this.connect();
  }

  /** Claims a queued step; claims made in the same turn share one RPC. */
  claim(claim: StepClaim): Promise<Assignment | null> {
    return new Promise((resolve, reject) => {
      this.claims.push({ claim, resolve, reject });
      if (this.claims.length === 1) setTimeout(() => void this.flushClaims(), 0);
    });
  }

  private async flushClaims(): Promise<void> {
    const batch = this.claims.splice(0);
    try {
      const assignments = await this.current.claimMany(batch.map((p) => p.claim));
      batch.forEach((p, i) => p.resolve(assignments[i] ?? null));
    } catch (err) {
      this.renew();
      for (const p of batch) p.reject(err);
    }
  }

  report(report: StepReport): Promise<StepReply> {
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
    // Slots whose reports are in this batch and want a next step are counted by the run; the
    // spare ones are those no running step holds.
    const spare = this.slots.spare();
    try {
      const { replies, extra } = await withRetry(
        () =>
          this.current.completeMany(
            batch.map((p) => p.report),
            spare,
          ),
        () => this.renew(),
      );
      if (extra.length > 0) this.slots.onExtra(extra);
      batch.forEach((p, i) => p.resolve(replies[i] ?? { accepted: false, next: null }));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}

async function withRetry<T>(call: () => Promise<T>, afterFailure: () => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) throw err;
      afterFailure();
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
