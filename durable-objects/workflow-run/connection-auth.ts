/**
 * Which API key (or browser session: both are "keys" here, UUID credentials) each live
 * connection of a run belongs to, and keeping revoked keys and ended sessions out.
 *
 * The Worker authenticates a WebSocket or SSE request (key header or ticket) and forwards it
 * with the key's id in `LIVE_KEY_HEADER` (the object is reachable only through the Worker,
 * which drops any copy a client sent). A WebSocket carries the id as a connection tag, so it
 * survives hibernation and `getConnections(keyTag(id))` finds every socket of a key; an SSE
 * stream (never hibernated) is tagged in memory.
 *
 * Revocation window: `DELETE /v1/keys/:id` closes the key's sockets and streams on the tenant's
 * unfinished runs before it answers. Anywhere else (a finished run, a revocation made
 * directly in D1) a socket re-checks its key in D1 before every action it sends, and within
 * `SUBSCRIBE_VERDICT_TTL_MS` before answering a subscribe; a run that is retried re-checks
 * all its connections.
 */
import type { Connection } from "partyserver";
import type { ServerMessage } from "../../workers/engine/protocol";
import { LIVE_KEY_HEADER } from "../../workers/engine/run-rpc";
import { activeRoles } from "../../workers/auth/principals";
import type { Role } from "../../workers/auth/roles";
import type { SseStreams } from "./sse-streams";

/** WebSocket close code for "your key was revoked" (4000-4999 are the application's). */
export const KEY_REVOKED_CLOSE = 4001;
const SUBSCRIBE_VERDICT_TTL_MS = 10_000;
const TAG_PREFIX = "key:";

export function keyTag(keyId: string): string {
  return TAG_PREFIX + keyId;
}

/** The key id a WebSocket was opened with (from its tag), or null. */
export function connectionKeyId(connection: Connection): string | null {
  const tag = connection.tags.find((t) => t.startsWith(TAG_PREFIX));
  return tag ? tag.slice(TAG_PREFIX.length) : null;
}

/** The key id the Worker attached to a forwarded request, or null. */
export function requestKeyId(request: Request): string | null {
  const id = request.headers.get(LIVE_KEY_HEADER);
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

export function revokedMessage(head: number): ServerMessage {
  return {
    type: "error",
    seq: head,
    error: { code: "key_revoked", message: "The API key this connection was opened with has been revoked" },
  };
}

/** Closes a socket whose key is gone, telling it why first. */
export function closeRevoked(connection: Connection, head: number): void {
  try {
    connection.send(JSON.stringify(revokedMessage(head)));
    connection.close(KEY_REVOKED_CLOSE, "API key revoked");
  } catch {
    // Already closing or closed: nothing more to tell it.
  }
}

/**
 * Whether API keys and browser sessions (credentials) are still active for the run's team, and
 * with which role, from D1 (auth/principals.ts), with a short per-object memory for subscribes.
 */
export class KeyVerdicts {
  private readonly recent = new Map<string, { at: number; role: Role }>();
  private readonly revoked = new Set<string>();

  constructor(
    private readonly db: D1Database,
    private readonly teamOf: () => string | undefined,
  ) {}

  /**
   * The credential's role while it is active, else null. `fresh` (every action) always asks D1;
   * otherwise a positive answer up to SUBSCRIBE_VERDICT_TTL_MS old is reused.
   */
  async isActive(keyId: string | null, fresh: boolean): Promise<Role | null> {
    if (!keyId || this.revoked.has(keyId)) return null;
    const now = Date.now();
    const checked = this.recent.get(keyId);
    if (!fresh && checked !== undefined && now - checked.at < SUBSCRIBE_VERDICT_TTL_MS) return checked.role;
    const role = (await this.rolesOf([keyId])).get(keyId) ?? null;
    if (role) this.recent.set(keyId, { at: now, role });
    else this.markRevoked(keyId);
    return role;
  }

  /** The subset of `keyIds` that are active: one D1 query, ids bound as one JSON parameter. */
  async activeOf(keyIds: string[]): Promise<Set<string>> {
    return new Set((await this.rolesOf(keyIds)).keys());
  }

  private async rolesOf(keyIds: string[]): Promise<Map<string, Role>> {
    const team = this.teamOf();
    return team ? activeRoles(this.db, team, keyIds) : new Map();
  }

  markRevoked(keyId: string): void {
    this.recent.delete(keyId);
    this.revoked.add(keyId);
  }
}

/** Closes every socket and stream of `keyId`; returns how many. */
export function closeKeyConnections(
  connections: Iterable<Connection>,
  sse: SseStreams,
  keyId: string,
  head: number,
): number {
  let closed = 0;
  for (const connection of connections) {
    closeRevoked(connection, head);
    closed++;
  }
  return closed + sse.closeKey(keyId, revokedMessage(head));
}

/** The distinct keys with an open socket or stream. */
export function liveKeyIds(connections: Iterable<Connection>, sse: SseStreams): string[] {
  const ids = new Set(sse.keyIds());
  for (const connection of connections) {
    const id = connectionKeyId(connection);
    if (id) ids.add(id);
  }
  return [...ids];
}
