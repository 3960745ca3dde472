/**
 * Signing in with an account: Better Auth's routes under /api/auth set an HttpOnly session
 * cookie; /v1 then recognises the browser by it (no key in the page). Sign-up also gives the
 * person a team: the invited one when they came through a link, else a new one of their own.
 */
import { errorBodySchema } from "../../../workers/protocol/errors.ts";
import { markSession, sessionEnded } from "./api-key.ts";

export type AuthResult = { ok: true } | { ok: false; message: string };

export async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

export async function failure(res: Response): Promise<AuthResult> {
  const body: unknown = await res.json().catch(() => null);
  const ours = errorBodySchema.safeParse(body);
  if (ours.success) return { ok: false, message: ours.data.error.message };
  // Better Auth's own errors are `{ message, code }`.
  const message = (body as { message?: unknown } | null)?.message;
  return { ok: false, message: typeof message === "string" ? message : `HTTP ${res.status}` };
}

/** `needsCode`: the password was right and the account has a second factor: ask for the code. */
export async function signInWithPassword(
  email: string,
  password: string,
): Promise<{ ok: true; needsCode: boolean } | { ok: false; message: string }> {
  const res = await post("/api/auth/sign-in/email", { email, password });
  if (!res.ok) return failure(res) as Promise<{ ok: false; message: string }>;
  const body = (await res.json().catch(() => null)) as { twoFactorRedirect?: boolean } | null;
  if (body?.twoFactorRedirect) return { ok: true, needsCode: true };
  markSession(true);
  return { ok: true, needsCode: false };
}

/**
 * The second step of a password sign-in (or the confirmation when turning TOTP on): the 6-digit
 * code of the person's authenticator app. `wrongCode` lets the page say so in its own words.
 */
export async function verifyTotp(code: string): Promise<AuthResult & { wrongCode?: boolean }> {
  const res = await post("/api/auth/two-factor/verify-totp", { code });
  if (res.ok) {
    markSession(true);
    return { ok: true };
  }
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { code?: string } | null;
  return { ...(await failure(res)), wrongCode: body?.code === "INVALID_CODE" } as AuthResult & {
    wrongCode?: boolean;
  };
}

/**
 * Asks for a sign-in link by mail (an existing account only). The link signs this browser in
 * and comes back to `returnTo`; the answer is the same whether or not the address has an
 * account, so the form does not tell strangers who has one.
 */
export async function requestMagicLink(email: string, returnTo: string): Promise<AuthResult> {
  const res = await post("/api/auth/sign-in/magic-link", {
    email,
    callbackURL: returnTo,
    errorCallbackURL: "/?link=expired",
  });
  return res.ok ? { ok: true } : failure(res);
}

export async function signUp(
  name: string,
  email: string,
  password: string,
  invitation?: string,
): Promise<AuthResult> {
  const res = await post("/api/auth/sign-up/email", { name, email, password });
  if (!res.ok) return failure(res);
  const joined = invitation
    ? await post("/v1/invitations/accept", { token: invitation })
    : await post("/v1/teams", { name: `${name}'s team` });
  if (!joined.ok) return failure(joined);
  markSession(true);
  return { ok: true };
}

export async function acceptInvitation(token: string): Promise<AuthResult> {
  const res = await post("/v1/invitations/accept", { token });
  return res.ok ? { ok: true } : failure(res);
}

/** On load: is the session cookie (if any) still good? Keeps the tab's hint in step with it. */
export async function restoreSession(): Promise<void> {
  const res = await fetch("/api/auth/get-session").catch(() => null);
  if (!res?.ok) return;
  const body = (await res.json().catch(() => null)) as { user?: unknown } | null;
  // The tab thought it was signed in, but the cookie is no longer good: the session ended.
  if (!body?.user) sessionEnded();
  else markSession(true);
}

/** The invitation token when the page is a `/join/<token>` link. */
export function invitationInPath(pathname: string): string | undefined {
  return /^\/join\/(inv_[A-Za-z0-9_-]+)$/.exec(pathname)?.[1];
}

// A reload keeps the cookie but (in a new tab) not the tab's hint: ask once at start-up.
void restoreSession();
