/**
 * The mail that carries a magic sign-in link. With a provider configured (`MAIL_API_URL` and the
 * `MAIL_API_KEY` secret) it is POSTed there as JSON, `{ from, to, subject, text }` with
 * `Authorization: Bearer <MAIL_API_KEY>` — Resend's `POST https://api.resend.com/emails` takes
 * exactly that, and so does any small relay written to match.
 *
 * Without one, in local development only, the link is printed as one structured log line
 * (`wrangler dev` shows it): the link IS a credential (whoever opens it is signed in), which the
 * logger otherwise never prints, but locally there is nobody else to read the log and no other
 * way for the developer to receive it. In production an unconfigured provider is an error, and
 * the link never reaches a log.
 */
import { log } from "../observability/log";

export type MailEnv = {
  ENVIRONMENT?: string;
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  MAIL_FROM?: string;
};

/** The msg of the local log line (tests and README look for it). */
export const LOCAL_MAGIC_LINK_MSG = "magic sign-in link (local development: no mail provider)";

export async function sendMagicLinkMail(env: MailEnv, to: string, url: string): Promise<void> {
  if (env.MAIL_API_URL && env.MAIL_API_KEY) {
    const res = await fetch(env.MAIL_API_URL, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${env.MAIL_API_KEY}` },
      body: JSON.stringify({
        from: env.MAIL_FROM || "Tsumugi <sign-in@example.com>",
        to: [to],
        subject: "Your Tsumugi sign-in link",
        text: `Open this link within 5 minutes to sign in to Tsumugi:\n\n${url}\n\nIf you did not ask for it, ignore this mail.`,
      }),
    });
    if (!res.ok) {
      // The provider's answer may quote the mail: only its status is logged.
      log.error("magic-link mail refused by the provider", { status: res.status });
      throw new Error(`The mail provider refused the sign-in mail (HTTP ${res.status})`);
    }
    return;
  }
  if (env.ENVIRONMENT === "production") {
    log.error("magic-link mail not sent: MAIL_API_URL / MAIL_API_KEY are not set");
    throw new Error("Sign-in links by mail are not configured");
  }
  // A warning, not info: it says a credential is being printed, and `wrangler dev` (run with
  // `--log-level warn` by the scripts and tests) shows warnings but not info lines.
  log.warn(LOCAL_MAGIC_LINK_MSG, { email: to, link: url });
}
