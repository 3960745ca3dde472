/**
 * BudgetLedger — one Durable Object per budget scope (`run:<id>` or `key:<id>`). A call reserves
 * its estimated cost before it starts and settles the real cost after, so concurrent calls can
 * never together spend past the limit: each reservation is checked against spent + reserved in
 * a single synchronous step of this object.
 *
 * A reservation whose call never settles (its isolate died) would hold budget forever, so holds
 * older than RESERVATION_TTL_MS, longer than any call's deadline, are released on the next
 * reservation. A late settle of a released hold still charges its real cost, once.
 */
import { DurableObject } from "cloudflare:workers";

export const RESERVATION_TTL_MS = 15 * 60_000;
/** How long a released hold's id is remembered for a late settle. */
const EXPIRED_MEMORY_MS = 24 * 60 * 60_000;

type Hold = { usd: number; at: number };
type Ledger = {
  spentUsd: number;
  reservedUsd: number;
  reservations: Record<string, Hold>;
  /** Released holds: id → when released. */
  expired: Record<string, number>;
};

export type Reservation =
  | { ok: true; reservationId: string; remainingUsd: number }
  | { ok: false; remainingUsd: number; spentUsd: number };

export class BudgetLedger extends DurableObject<Env> {
  private load(): Ledger {
    const stored = this.ctx.storage.kv.get("ledger") as Partial<Ledger> | undefined;
    return { spentUsd: 0, reservedUsd: 0, reservations: {}, expired: {}, ...stored };
  }

  private sweep(l: Ledger, now: number): void {
    for (const [id, hold] of Object.entries(l.reservations)) {
      if (now - hold.at < RESERVATION_TTL_MS) continue;
      delete l.reservations[id];
      l.reservedUsd = Math.max(0, l.reservedUsd - hold.usd);
      l.expired[id] = now;
    }
    for (const [id, at] of Object.entries(l.expired)) if (now - at > EXPIRED_MEMORY_MS) delete l.expired[id];
  }

  /** Reachability probe for GET /health: answers without touching storage. */
  ping(): "pong" {
    return "pong";
  }

  reserve(limitUsd: number, amountUsd: number, now: number = Date.now()): Reservation {
    const l = this.load();
    this.sweep(l, now);
    const remaining = limitUsd - l.spentUsd - l.reservedUsd;
    if (amountUsd > remaining) {
      this.ctx.storage.kv.put("ledger", l);
      return { ok: false, remainingUsd: Math.max(0, remaining), spentUsd: l.spentUsd };
    }
    const id = crypto.randomUUID();
    l.reservations[id] = { usd: amountUsd, at: now };
    l.reservedUsd += amountUsd;
    this.ctx.storage.kv.put("ledger", l);
    return { ok: true, reservationId: id, remainingUsd: remaining - amountUsd };
  }

  /** Replaces a reservation with the real cost (0 when the call failed). Idempotent per id. */
  settle(reservationId: string, actualUsd: number): { spentUsd: number } {
    const l = this.load();
    const held = l.reservations[reservationId];
    if (held !== undefined) {
      delete l.reservations[reservationId];
      l.reservedUsd = Math.max(0, l.reservedUsd - held.usd);
    } else if (l.expired[reservationId] !== undefined) {
      delete l.expired[reservationId];
    } else {
      return { spentUsd: l.spentUsd };
    }
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
