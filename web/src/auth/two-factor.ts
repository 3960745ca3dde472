/**
 * The optional TOTP second factor (Better Auth's twoFactor plugin under /api/auth/two-factor):
 * turning it on answers the `otpauth://` URI for the authenticator app and backup codes; the
 * first correct code (session.ts verifyTotp) confirms it, and from then on a password sign-in
 * asks for a code. Turning it on or off needs the password again.
 */
import { failure, post, type AuthResult } from "./session.ts";

export type TotpSetup = { totpURI: string; secret: string; backupCodes: string[] };

/** Whether the signed-in person has the second factor on (from their session). */
export async function twoFactorEnabled(): Promise<boolean> {
  const res = await fetch("/api/auth/get-session");
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json().catch(() => null)) as { user?: { twoFactorEnabled?: boolean } } | null;
  return Boolean(body?.user?.twoFactorEnabled);
}

export async function enableTotp(
  password: string,
): Promise<({ ok: true } & TotpSetup) | { ok: false; message: string }> {
  const res = await post("/api/auth/two-factor/enable", { password });
  if (!res.ok) return failure(res) as Promise<{ ok: false; message: string }>;
  const body = (await res.json()) as { totpURI: string; backupCodes?: string[] };
  const secret = new URL(body.totpURI).searchParams.get("secret") ?? "";
  return { ok: true, totpURI: body.totpURI, secret, backupCodes: body.backupCodes ?? [] };
}

export async function disableTotp(password: string): Promise<AuthResult> {
  const res = await post("/api/auth/two-factor/disable", { password });
  return res.ok ? { ok: true } : failure(res);
}
