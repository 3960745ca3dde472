/**
 * The AI gateway: providers with their breaker state and limits, usage by provider (chart and
 * table), the tasks queue, and step dead letters with re-drive.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { deadLetterListSchema, redrivenSchema } from "../../../workers/protocol/dead-letters.ts";
import { providerListSchema, usageReportSchema } from "../../../workers/protocol/providers.ts";
import { taskListSchema } from "../../../workers/protocol/tasks.ts";
import { apiFetch } from "../http/client.ts";
import { queryKeys } from "../http/queries.ts";
import { UsageChart } from "../gateway/UsageChart.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { formatCost, formatTime } from "../shell/format.ts";
import { PageTitle } from "../shell/PageTitle.tsx";
import { QueryProblem } from "../shell/QueryProblem.tsx";

export function Gateway() {
  const { t, language } = useI18n();
  const client = useQueryClient();
  const providers = useQuery({
    queryKey: queryKeys.providers,
    queryFn: () => apiFetch("/v1/providers", providerListSchema),
    refetchInterval: 5_000,
  });
  const usage = useQuery({
    queryKey: queryKeys.usage,
    queryFn: () => apiFetch("/v1/providers/usage?groupBy=provider", usageReportSchema),
    refetchInterval: 10_000,
  });
  const tasks = useQuery({
    queryKey: queryKeys.tasks,
    queryFn: () => apiFetch("/v1/tasks?limit=50", taskListSchema),
  });
  const deadLetters = useQuery({
    queryKey: queryKeys.deadLetters,
    queryFn: () => apiFetch("/v1/dead-letters", deadLetterListSchema),
  });
  const redrive = useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/v1/dead-letters/${id}/redrive`, redrivenSchema, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.deadLetters }),
  });
  const rows = usage.data?.usage ?? [];
  return (
    <>
      <PageTitle text={t("gateway.title")} />
      <section className="card" aria-labelledby="providers-title">
        <h2 id="providers-title">{t("gateway.providers")}</h2>
        <QueryProblem query={providers} />
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("gateway.providers")}</th>
                <th scope="col">{t("home.col.status")}</th>
                <th scope="col">{t("gateway.breaker")}</th>
                <th scope="col">RPM / TPM</th>
              </tr>
            </thead>
            <tbody>
              {providers.data?.providers.map((p) => (
                <tr key={p.name}>
                  <td>
                    {p.name} <span className="muted small">{p.defaultModel}</span>
                  </td>
                  <td>{p.configured ? t("gateway.configured") : t("gateway.notConfigured")}</td>
                  <td>
                    {p.breakers.length === 0
                      ? "—"
                      : p.breakers.map((b) => (
                          <span key={b.model} className={`badge breaker-${b.state}`}>
                            {b.model}: {b.state}
                          </span>
                        ))}
                  </td>
                  <td>
                    {p.limits.rpm ?? "—"} / {p.limits.tpm ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="usage-title">
        <h2 id="usage-title">{t("gateway.usage")}</h2>
        <QueryProblem query={usage} />
        <UsageChart
          labels={rows.map((r) => r.key ?? "—")}
          values={rows.map((r) => r.calls)}
          label={t("gateway.calls")}
        />
        <table>
          <thead>
            <tr>
              <th scope="col">{t("gateway.providers")}</th>
              <th scope="col">{t("gateway.calls")}</th>
              <th scope="col">{t("gateway.costUsd")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key ?? "none"}>
                <td>{r.key ?? "—"}</td>
                <td>{r.calls}</td>
                <td>{formatCost(r.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t("gateway.tasks")}</h2>
        <QueryProblem query={tasks} />
        {tasks.data?.tasks.length === 0 && <p className="muted">{t("common.none")}</p>}
        <ul>
          {tasks.data?.tasks.map((task) => (
            <li key={task.id}>
              <code>{task.id.slice(0, 8)}</code> {task.kind} · {task.status} ·{" "}
              {formatTime(task.createdAt, language)}
              {task.error ? ` · ${task.error.message}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="dead-title">
        <h2 id="dead-title">{t("gateway.deadLetters")}</h2>
        <QueryProblem query={deadLetters} />
        {deadLetters.data?.deadLetters.length === 0 && <p className="muted">{t("common.none")}</p>}
        <ul>
          {deadLetters.data?.deadLetters.map((d) => (
            <li key={d.id} className="actions">
              <span>
                {d.queue} · {d.runId ?? "—"} {d.nodeId ?? ""} · {d.reason}
              </span>
              {d.redrivenAt ? (
                <span className="muted">{t("gateway.redriven")}</span>
              ) : (
                <button type="button" className="secondary" onClick={() => redrive.mutate(d.id)}>
                  {t("gateway.redrive")}
                </button>
              )}
            </li>
          ))}
        </ul>
        <p role="alert" className="problem">
          {redrive.error?.message}
        </p>
      </section>
    </>
  );
}
