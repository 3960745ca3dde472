/**
 * Settings → Two-step sign-in (TOTP): turn it on (the password, then the key for the
 * authenticator app and a first code to confirm it), or off (the password). Account tabs only.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useAccountText } from "../auth/messages.ts";
import { verifyTotp } from "../auth/session.ts";
import { disableTotp, enableTotp, twoFactorEnabled, type TotpSetup } from "../auth/two-factor.ts";
import { QueryProblem } from "../shell/QueryProblem.tsx";

const QUERY_KEY = ["two-factor"] as const;

export function TwoFactor() {
  const a = useAccountText();
  const client = useQueryClient();
  const enabled = useQuery({ queryKey: QUERY_KEY, queryFn: twoFactorEnabled });
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const turnOn = () =>
    run(async () => {
      const result = await enableTotp(password);
      if (!result.ok) return setProblem(result.message);
      setPassword("");
      setSetup(result);
    });
  const confirm = () =>
    run(async () => {
      const result = await verifyTotp(code.trim());
      if (!result.ok) return setProblem(result.wrongCode ? a("totpWrong") : result.message);
      setSetup(null);
      setCode("");
      await client.invalidateQueries({ queryKey: QUERY_KEY });
    });
  const turnOff = () =>
    run(async () => {
      const result = await disableTotp(password);
      if (!result.ok) return setProblem(result.message);
      setPassword("");
      await client.invalidateQueries({ queryKey: QUERY_KEY });
    });
  return (
    <section className="card" aria-labelledby="totp-title">
      <h2 id="totp-title">{a("totpTitle")}</h2>
      <QueryProblem query={enabled} />
      {enabled.data !== undefined && (
        <p role="status" data-testid="totp-state">
          {enabled.data ? a("totpOn") : a("totpOff")}
        </p>
      )}
      {enabled.data !== undefined && !setup && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void (enabled.data ? turnOff() : turnOn());
          }}
        >
          <div className="field">
            <label htmlFor="totp-password">{a("totpPassword")}</label>
            <input
              id="totp-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" disabled={busy} className={enabled.data ? "danger" : undefined}>
            {enabled.data ? a("totpTurnOff") : a("totpTurnOn")}
          </button>
        </form>
      )}
      {setup && (
        <>
          <p>{a("totpScan")}</p>
          <p>
            {a("totpSecret")}: <code data-testid="totp-secret">{setup.secret}</code>
          </p>
          <p>
            <a href={setup.totpURI} data-testid="totp-uri">
              {setup.totpURI}
            </a>
          </p>
          <p>{a("totpBackup")}</p>
          <ul className="backup-codes">
            {setup.backupCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <form
            className="filters"
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            <div className="field">
              <label htmlFor="totp-confirm-code">{a("totpCode")}</label>
              <input
                id="totp-confirm-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            </div>
            <button type="submit" disabled={busy}>
              {a("totpConfirm")}
            </button>
          </form>
        </>
      )}
      <p role="alert" className="problem">
        {problem}
      </p>
    </section>
  );
}
