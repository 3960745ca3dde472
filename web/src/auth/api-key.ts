/**
 * The API key: the app's only credential today (accounts come later and replace this module).
 * Kept in sessionStorage, so it lives in this tab only and never in a URL; `verifyKey` asks the
 * API whether it is accepted before the app treats anyone as signed in.
 */
import { errorBodySchema } from "../../../workers/protocol/errors.ts";
import { keyListSchema } from "../../../workers/protocol/keys.ts";

const STORAGE = "tsumugi.apiKey";
const listeners = new Set<() => void>();

export function currentKey(): string | null {
  return sessionStorage.getItem(STORAGE);
}

export function subscribeKey(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const listener of listeners) listener();
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE);
  changed();
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
