/**
 * How this tab is signed in: with an account (a session cookie set by /api/auth, HttpOnly, so
 * script never sees it: auth/session.ts) or, for scripts and the "advanced" option, with an API
 * key kept in sessionStorage (this tab only, never in a URL). `verifyKey` asks the API whether a
 * key is accepted before the app treats anyone as signed in.
 */
import { errorBodySchema } from "../../../workers/protocol/errors.ts";
import { keyListSchema } from "../../../workers/protocol/keys.ts";

const STORAGE = "tsumugi.apiKey";
/** Only a hint that this tab signed in with an account; the cookie is what the API checks. */
const SESSION_HINT = "tsumugi.session";
const listeners = new Set<() => void>();

export type Credential = "key" | "session" | null;

/** The API key to send as a Bearer token, or null (then the session cookie, if any, is used). */
export function currentKey(): string | null {
  return sessionStorage.getItem(STORAGE);
}

/** How this tab is signed in (a string, so React's useSyncExternalStore can compare it). */
export function currentCredential(): Credential {
  if (sessionStorage.getItem(STORAGE)) return "key";
  return sessionStorage.getItem(SESSION_HINT) ? "session" : null;
}

export function subscribeKey(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const listener of listeners) listener();
}

/** Set when the server stopped accepting this tab's session: the sign-in form says so. */
const SESSION_ENDED = "tsumugi.sessionEnded";

/** Marks the tab as signed in with an account (after /api/auth answered with a session). */
export function markSession(active: boolean): void {
  if (active) {
    sessionStorage.setItem(SESSION_HINT, "1");
    sessionStorage.removeItem(SESSION_ENDED);
  } else sessionStorage.removeItem(SESSION_HINT);
  changed();
}

/**
 * The API (a 401) or the live socket (closed with 4001) no longer accepts this tab's session:
 * it expired, or was signed out or revoked elsewhere. The tab shows the sign-in form with a
 * short notice; the address stays, so signing in again shows the same page.
 */
export function sessionEnded(): void {
  if (currentCredential() !== "session") return;
  sessionStorage.setItem(SESSION_ENDED, "1");
  markSession(false);
}

export function sessionEndedNotice(): boolean {
  return sessionStorage.getItem(SESSION_ENDED) !== null;
}

export function signOut(): void {
  const hadSession = sessionStorage.getItem(SESSION_HINT) !== null;
  sessionStorage.removeItem(STORAGE);
  sessionStorage.removeItem(SESSION_HINT);
  sessionStorage.removeItem(SESSION_ENDED);
  changed();
  // Ends the session on the server too (its open sockets close); a key needs no call.
  if (hadSession) void fetch("/api/auth/sign-out", { method: "POST" }).catch(() => undefined);
}

export type KeyCheck = { ok: true } | { ok: false; reason: "rejected" | "unreachable"; message: string };

/** Checks the key against GET /v1/keys (any authenticated read would do) and keeps it when accepted. */
export async function signIn(key: string): Promise<KeyCheck> {
  let res: Response;
  try {
    res = await fetch("/v1/keys", { headers: { Authorization: `Bearer ${key}` } });
  } catch (err) {
    return { ok: false, reason: "unreachable", message: String(err) };
  }
  if (res.status === 401 || res.status === 403) {
    const body = errorBodySchema.safeParse(await res.json().catch(() => null));
    return {
      ok: false,
      reason: "rejected",
      message: body.success ? body.data.error.message : `HTTP ${res.status}`,
    };
  }
  if (!res.ok) return { ok: false, reason: "unreachable", message: `HTTP ${res.status}` };
  keyListSchema.parse(await res.json());
  sessionStorage.setItem(STORAGE, key);
  changed();
  return { ok: true };
}
