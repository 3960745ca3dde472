/** Sign-in with an API key (react-hook-form + zod); a refused key says why, in the page. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { signIn } from "../auth/api-key.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { PageTitle } from "./PageTitle.tsx";

const formSchema = z.object({ key: z.string().trim().min(1, "signIn.required") });
type Form = z.infer<typeof formSchema>;

export function SignIn() {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<Form>({ resolver: zodResolver(formSchema), defaultValues: { key: "" } });
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
    <section className="sign-in card">
      <PageTitle text={t("signIn.title")} />
      <p className="muted">{t("app.tagline")}</p>
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
    </section>
  );
}
