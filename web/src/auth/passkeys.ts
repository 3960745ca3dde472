/**
 * Passkeys (WebAuthn) through Better Auth's passkey routes under /api/auth/passkey: the server
 * makes the challenge, the browser's authenticator answers it (@simplewebauthn/browser, loaded
 * only when someone adds or uses a passkey), the server checks the answer. Signing in with one
 * sets the same HttpOnly session cookie as a password does.
 */
import { markSession } from "./api-key.ts";
import { failure, post, type AuthResult } from "./session.ts";

const BASE = "/api/auth/passkey";

export type PasskeyRow = { id: string; name: string | null; createdAt: string | null };

/** A refusal or a cancelled prompt, as a sentence for the page. */
function cancelled(err: unknown): AuthResult {
  return { ok: false, message: err instanceof Error ? err.message : String(err) };
}

/** Registers a new passkey for the signed-in person (their browser or device asks first). */
export async function addPasskey(name: string): Promise<AuthResult> {
  const options = await fetch(`${BASE}/generate-register-options?${new URLSearchParams({ name })}`);
  if (!options.ok) return failure(options);
  const { startRegistration } = await import("@simplewebauthn/browser");
  let response;
  try {
    response = await startRegistration({ optionsJSON: await options.json() });
  } catch (err) {
    return cancelled(err);
  }
  const verified = await post(`${BASE}/verify-registration`, { response, name });
  return verified.ok ? { ok: true } : failure(verified);
}

/** Signs in with a passkey kept by this browser or device (a discoverable credential). */
export async function signInWithPasskey(): Promise<AuthResult> {
  const options = await fetch(`${BASE}/generate-authenticate-options`);
  if (!options.ok) return failure(options);
  const { startAuthentication } = await import("@simplewebauthn/browser");
  let response;
  try {
    response = await startAuthentication({ optionsJSON: await options.json() });
  } catch (err) {
    return cancelled(err);
  }
  const verified = await post(`${BASE}/verify-authentication`, { response });
  if (!verified.ok) return failure(verified);
  markSession(true);
  return { ok: true };
}

export async function listPasskeys(): Promise<PasskeyRow[]> {
  const res = await fetch(`${BASE}/list-user-passkeys`);
  if (!res.ok) {
    const refused = await failure(res);
    throw new Error(refused.ok ? `HTTP ${res.status}` : refused.message);
  }
  const rows = (await res.json()) as { id: string; name?: string | null; createdAt?: string | null }[];
  return rows.map((r) => ({ id: r.id, name: r.name ?? null, createdAt: r.createdAt ?? null }));
}

export async function removePasskey(id: string): Promise<AuthResult> {
  const res = await post(`${BASE}/delete-passkey`, { id });
  return res.ok ? { ok: true } : failure(res);
}
