/**
 * Settings: the tenant's API keys (create, revoke), the person's passkeys and second factor (when
 * signed in with an account), theme and language.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useSyncExternalStore } from "react";
import { useForm } from "react-hook-form";
import {
  createdKeySchema,
  createKeySchema,
  keyListSchema,
  revokedKeySchema,
} from "../../../workers/protocol/keys.ts";
import { currentCredential, subscribeKey } from "../auth/api-key.ts";
import { queryKeys } from "../http/queries.ts";
import { apiFetch } from "../http/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { CopyButton } from "../shell/CopyButton.tsx";
import { formatTime } from "../shell/format.ts";
import { PageTitle } from "../shell/PageTitle.tsx";
import { Preferences } from "../shell/Preferences.tsx";
import { QueryProblem } from "../shell/QueryProblem.tsx";
import { Passkeys } from "./Passkeys.tsx";
import { TwoFactor } from "./TwoFactor.tsx";

export function Settings() {
  const { t, language } = useI18n();
  const credential = useSyncExternalStore(subscribeKey, currentCredential);
  const client = useQueryClient();
  const keys = useQuery({ queryKey: queryKeys.keys, queryFn: () => apiFetch("/v1/keys", keyListSchema) });
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(createKeySchema), defaultValues: { name: "" } });
  const create = useMutation({
    mutationFn: (body: { name: string }) =>
      apiFetch("/v1/keys", createdKeySchema, { method: "POST", body: JSON.stringify(body) }),
    onSuccess: (key) => {
      setCreated(key.key);
      form.reset();
      void client.invalidateQueries({ queryKey: queryKeys.keys });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/v1/keys/${id}`, revokedKeySchema, { method: "DELETE" }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.keys }),
  });
  return (
    <>
      <PageTitle text={t("settings.title")} />
      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">{t("settings.keys")}</h2>
        <form className="filters" onSubmit={form.handleSubmit((body) => create.mutate(body))} noValidate>
          <div className="field">
            <label htmlFor="key-name">{t("settings.keyName")}</label>
            <input
              id="key-name"
              aria-invalid={form.formState.errors.name ? true : undefined}
              aria-describedby="key-name-problem"
              {...form.register("name")}
            />
          </div>
          <button type="submit" disabled={create.isPending}>
            {t("settings.createKey")}
          </button>
        </form>
        <p id="key-name-problem" role="alert" className="problem">
          {form.formState.errors.name?.message ?? create.error?.message ?? revoke.error?.message}
        </p>
        {created && (
          <p role="status" className="actions">
            <code className="secret">{t("settings.newKey", { key: created })}</code>
            <CopyButton text={created} />
          </p>
        )}
        <QueryProblem query={keys} />
        {keys.data && (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("settings.col.name")}</th>
                  <th scope="col">{t("settings.col.prefix")}</th>
                  <th scope="col">{t("settings.col.lastUsed")}</th>
                  <th scope="col">{t("settings.col.state")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("settings.revoke")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.keys.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name}</td>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{key.lastUsedAt ? formatTime(key.lastUsedAt, language) : t("common.never")}</td>
                    <td>{key.revokedAt ? t("settings.revoked") : t("settings.active")}</td>
                    <td>
                      {!key.revokedAt && (
                        <button
                          type="button"
                          className="danger"
                          aria-label={`${t("settings.revoke")}: ${key.name}`}
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate(key.id)}
                        >
                          {t("settings.revoke")}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {credential === "session" && (
        <>
          <Passkeys />
          <TwoFactor />
        </>
      )}
      <section className="card" aria-labelledby="appearance-title">
        <h2 id="appearance-title">{t("settings.appearance")}</h2>
        <Preferences />
      </section>
    </>
  );
}
