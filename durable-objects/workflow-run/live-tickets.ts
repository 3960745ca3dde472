/**
 * Single-use tickets for opening a run's live streams from a browser, which cannot put an
 * `Authorization` header on a WebSocket or an EventSource. A client with a key buys a ticket
 * (`POST /v1/workflows/:id/tickets`) and puts it in the stream's URL; the first use spends it.
 * The run keeps only the ticket's SHA-256, with the key that bought it and a 60 s expiry, so
 * a URL that reaches a log holds nothing that opens anything.
 */
export const TICKET_TTL_MS = 60_000;
const TICKET_PATTERN = /^tkt_[A-Za-z0-9_-]{43}$/;

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function hashTicket(ticket: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(ticket));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export class LiveTickets {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(
      `CREATE TABLE IF NOT EXISTS live_tickets (hash TEXT PRIMARY KEY, key_id TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
    );
  }

  /** A new ticket for `keyId`; expired ones are dropped on the way. */
  async issue(keyId: string, now: number): Promise<{ ticket: string; expiresAt: number }> {
    const ticket = `tkt_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
    const expiresAt = now + TICKET_TTL_MS;
    const hash = await hashTicket(ticket);
    this.sql.exec("DELETE FROM live_tickets WHERE expires_at <= ?", now);
    this.sql.exec(
      "INSERT INTO live_tickets (hash, key_id, expires_at) VALUES (?, ?, ?)",
      hash,
      keyId,
      expiresAt,
    );
    return { ticket, expiresAt };
  }

  /** Spends a ticket: the key it was bought with, or null (unknown, spent or expired). */
  async redeem(ticket: string, now: number): Promise<string | null> {
    if (!TICKET_PATTERN.test(ticket)) return null;
    const hash = await hashTicket(ticket);
    const row = this.sql
      .exec("DELETE FROM live_tickets WHERE hash = ? RETURNING key_id, expires_at", hash)
      .toArray()[0];
    if (!row || Number(row.expires_at) <= now) return null;
    return String(row.key_id);
  }

  /** Drops every unspent ticket of a revoked key. */
  forgetKey(keyId: string): void {
    this.sql.exec("DELETE FROM live_tickets WHERE key_id = ?", keyId);
  }
}
