/**
 * BudgetLedger — one Durable Object per budget scope (`run:<id>` or `key:<id>`). A call reserves
 * its estimated cost before it starts and settles the real cost after, so concurrent calls can
 * never together spend past the limit: each reservation is checked against spent + reserved in
 * a single synchronous step of this object.
 */
import { DurableObject } from "cloudflare:workers";

type Ledger = { spentUsd: number; reservedUsd: number; reservations: Record<string, number> };

export type Reservation =
  | { ok: true; reservationId: string; remainingUsd: number }
  | { ok: false; remainingUsd: number; spentUsd: number };

export class BudgetLedger extends DurableObject<Env> {
  private load(): Ledger {
    return (
      (this.ctx.storage.kv.get("ledger") as Ledger | undefined) ?? {
        spentUsd: 0,
        reservedUsd: 0,
        reservations: {},
      }
    );
  }

  reserve(limitUsd: number, amountUsd: number): Reservation {
    const l = this.load();
    const remaining = limitUsd - l.spentUsd - l.reservedUsd;
    if (amountUsd > remaining)
      return { ok: false, remainingUsd: Math.max(0, remaining), spentUsd: l.spentUsd };
    const id = crypto.randomUUID();
    l.reservations[id] = amountUsd;
    l.reservedUsd += amountUsd;
    this.ctx.storage.kv.put("ledger", l);
    return { ok: true, reservationId: id, remainingUsd: remaining - amountUsd };
  }

  /** Replaces a reservation with the real cost (0 when the call failed). Idempotent per id. */
  settle(reservationId: string, actualUsd: number): { spentUsd: number } {
    const l = this.load();
    const held = l.reservations[reservationId];
    if (held === undefined) return { spentUsd: l.spentUsd };
    delete l.reservations[reservationId];
    l.reservedUsd = Math.max(0, l.reservedUsd - held);
    l.spentUsd += actualUsd;
    this.ctx.storage.kv.put("ledger", l);
    return { spentUsd: l.spentUsd };
  }

  /** What has been spent and what is held by calls in flight. */
  state(): { spentUsd: number; reservedUsd: number } {
    const l = this.load();
    return { spentUsd: l.spentUsd, reservedUsd: l.reservedUsd };
  }
}
