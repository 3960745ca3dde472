/**
 * Sign-in: email and password or a passkey (or create an account; from an invitation link
 * `/join/<token>`, the new account joins that team), and, below it as the advanced option for
 * scripts, the API key form. A refusal says why, in the page.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { z } from "zod";
import { sessionEndedNotice, signIn } from "../auth/api-key.ts";
import { useAccountText } from "../auth/messages.ts";
import { signInWithPasskey } from "../auth/passkeys.ts";
import {
  invitationInPath,
  requestMagicLink,
  signInWithPassword,
  signUp,
  verifyTotp,
} from "../auth/session.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { PageTitle } from "./PageTitle.tsx";

const keySchema = z.object({ key: z.string().trim().min(1, "signIn.required") });
const accountSchema = z.object({
  name: z.string().trim().max(100),
  email: z.string().trim().min(3),
  password: z.string().min(1),
});
type AccountForm = z.infer<typeof accountSchema>;

/** The second step of a password sign-in when the account has TOTP on. */
function CodeStep() {
  const a = useAccountText();
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-labelledby="code-title"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setProblem(null);
        void verifyTotp(code.trim()).then((result) => {
          setBusy(false);
          if (!result.ok) setProblem(result.wrongCode ? a("totpWrong") : result.message);
        });
      }}
    >
      <h2 id="code-title">{a("totpStepTitle")}</h2>
      <p id="code-hint" className="muted">
        {a("totpStepHint")}
      </p>
      <label htmlFor="totp-code">{a("totpCode")}</label>
      <input
        id="totp-code"
        inputMode="numeric"
        autoComplete="one-time-code"
        aria-describedby="code-hint"
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <button type="submit" disabled={busy}>
        {busy ? a("working") : a("totpVerify")}
      </button>
      <p role="alert" className="problem">
        {problem}
      </p>
    </form>
  );
}

function AccountSignIn({ invitation }: { invitation: string | undefined }) {
  const a = useAccountText();
  const [mode, setMode] = useState<"signIn" | "signUp">(invitation ? "signUp" : "signIn");
  // A magic link that failed comes back to /?link=expired (auth/session.ts requestMagicLink).
  const [problem, setProblem] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get("link") === "expired" ? a("magicLinkExpired") : null,
  );
  const [sent, setSent] = useState<string | null>(null);
  const [needsCode, setNeedsCode] = useState(false);
  const navigate = useNavigate();
  const { register, handleSubmit, formState, getValues } = useForm<AccountForm>({
    resolver: zodResolver(accountSchema),
    defaultValues: { name: "", email: "", password: "" },
  });
  const submit = handleSubmit(async ({ name, email, password }) => {
    setProblem(null);
    if (mode === "signUp" && !name) return setProblem(a("required"));
    if (mode === "signIn") {
      const result = await signInWithPassword(email, password);
      if (!result.ok) return setProblem(result.message);
      if (result.needsCode) setNeedsCode(true);
      return;
    }
    const result = await signUp(name, email, password, invitation);
    if (!result.ok) setProblem(result.message);
    // The link is spent: show the team just joined rather than the link's page.
    else if (invitation) void navigate("/team", { replace: true });
  });
  const invalid = Object.keys(formState.errors).length > 0;
  if (needsCode) return <CodeStep />;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="account-title">
      <h2 id="account-title">
        {invitation ? a("joinTitle") : mode === "signIn" ? a("signInTitle") : a("signUpTitle")}
      </h2>
      {sessionEndedNotice() && (
        <p role="status" className="problem">
          {a("sessionEnded")}
        </p>
      )}
      {mode === "signUp" && (
        <>
          <label htmlFor="account-name">{a("name")}</label>
          <input id="account-name" autoComplete="name" {...register("name")} />
        </>
      )}
      <label htmlFor="account-email">{a("email")}</label>
      <input id="account-email" type="email" autoComplete="username" {...register("email")} />
      <label htmlFor="account-password">{a("password")}</label>
      <input
        id="account-password"
        type="password"
        autoComplete={mode === "signIn" ? "current-password" : "new-password"}
        aria-describedby="account-password-hint"
        {...register("password")}
      />
      {mode === "signUp" && (
        <p id="account-password-hint" className="muted small">
          {a("passwordHint")}
        </p>
      )}
      <button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? a("working") : mode === "signIn" ? a("signIn") : a("signUp")}
      </button>
      <p role="alert" className="problem">
        {invalid ? a("required") : problem}
      </p>
      {mode === "signIn" && (
        <>
          <button
            type="button"
            className="secondary"
            disabled={formState.isSubmitting}
            onClick={() => {
              setProblem(null);
              void signInWithPasskey().then((result) => setProblem(result.ok ? null : result.message));
            }}
          >
            {a("passkeySignIn")}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={formState.isSubmitting}
            onClick={() => {
              const email = getValues("email").trim();
              setProblem(null);
              setSent(null);
              if (!email) return setProblem(a("magicLinkNeedsEmail"));
              const here = window.location.pathname === "/" ? "/" : window.location.pathname;
              void requestMagicLink(email, here).then((result) =>
                result.ok ? setSent(a("magicLinkSent", { email })) : setProblem(result.message),
              );
            }}
          >
            {a("magicLink")}
          </button>
          <p role="status">{sent}</p>
        </>
      )}
      {!invitation && (
        <button
          type="button"
          className="secondary"
          onClick={() => setMode(mode === "signIn" ? "signUp" : "signIn")}
        >
          {mode === "signIn" ? a("toSignUp") : a("toSignIn")}
        </button>
      )}
    </form>
  );
}

function KeySignIn() {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<z.infer<typeof keySchema>>({ resolver: zodResolver(keySchema), defaultValues: { key: "" } });
  const submit = handleSubmit(async ({ key }) => {
    setProblem(null);
    const result = await signIn(key);
    if (!result.ok)
      setProblem(
        t(result.reason === "rejected" ? "signIn.rejected" : "signIn.unreachable", {
          message: result.message,
        }),
      );
  });
  return (
    <form onSubmit={submit} noValidate>
      <label htmlFor="api-key">{t("signIn.keyLabel")}</label>
      <input
        id="api-key"
        type="password"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={errors.key || problem ? true : undefined}
        aria-describedby="api-key-hint api-key-problem"
        {...register("key")}
      />
      <p id="api-key-hint" className="muted small">
        {t("signIn.keyHint")}
      </p>
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? t("signIn.checking") : t("signIn.submit")}
      </button>
      <p id="api-key-problem" role="alert" className="problem">
        {errors.key ? t("signIn.required") : problem}
      </p>
    </form>
  );
}

export function SignIn() {
  const { t } = useI18n();
  const a = useAccountText();
  const invitation = invitationInPath(window.location.pathname);
  return (
    <section className="sign-in card">
      <PageTitle text={t("signIn.title")} />
      <p className="muted">{t("app.tagline")}</p>
      <AccountSignIn invitation={invitation} />
      <h2>{a("advanced")}</h2>
      <KeySignIn />
    </section>
  );
}
