/**
 * A run, live: status, progress/ETA/cost, pause/resume/cancel/retry, open reviews, the graph by
 * level, failures with their reasons, the event log, who watches (presence) and who acted. A polite live region announces only short
 * summaries (a review opened, the run finished), never each node event.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { FINAL_RUN_STATUSES } from "../../../workers/protocol/live.ts";
import { runSummarySchema, type Acted } from "../../../workers/protocol/live.ts";
import { apiFetch } from "../http/client.ts";
import { queryKeys, useRunDetail } from "../http/queries.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { ReviewPanel } from "../review/ReviewPanel.tsx";
import { LevelGraph } from "../run/LevelGraph.tsx";
import { useNodeStatuses } from "../run/use-node-statuses.ts";
import { useRunLive } from "../run/use-run-live.ts";
import { formatCost } from "../shell/format.ts";
import { PageTitle } from "../shell/PageTitle.tsx";
import { QueryProblem } from "../shell/QueryProblem.tsx";
import { StatusBadge } from "../shell/StatusBadge.tsx";

type Control = "pause" | "resume" | "cancel" | "retry";

export function Run() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const client = useQueryClient();
  const detail = useRunDetail(id);
  const { state, connection, send } = useRunLive(id);
  const nodes = useNodeStatuses(id, state.nodes);
  const control = useMutation({
    mutationFn: (action: Control) =>
      apiFetch(`/v1/workflows/${id}/${action}`, runSummarySchema, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.run(id) }),
  });
  const progress = state.progress ?? detail.data?.progress ?? null;
  const status = state.status ?? detail.data?.status ?? null;
  const finished = progress ? progress.done + progress.failed + progress.skipped : 0;
  const final = status !== null && FINAL_RUN_STATUSES.includes(status);
  const reviews = [...state.reviews.values()];
  const gates = [...nodes.statuses.keys()].filter((nodeId) => nodeId.endsWith("/review"));
  const failures = detail.data?.failures ?? [];
  const actedText = (acted: Acted) =>
    acted.gate
      ? t("acted.lineAt", { who: acted.actor.name, action: t(`acted.${acted.action}`), gate: acted.gate })
      : t("acted.line", { who: acted.actor.name, action: t(`acted.${acted.action}`) });
  const announcement = final
    ? t("run.finished", { status: t(`status.${status}`) })
    : reviews.length > 0
      ? t("review.title", { gate: reviews.map((r) => r.gate).join(", ") })
      : "";
  return (
    <>
      <div className="page-head">
        <PageTitle text={detail.data?.title ?? t("run.title")} />
        <span className={`badge connection-${connection}`}>{t(`run.connection.${connection}`)}</span>
        {state.presence && (
          <span className="badge watchers">{t("run.watching", { n: state.presence.watchers })}</span>
        )}
      </div>
      <QueryProblem query={detail} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title" className="visually-hidden">
          {t("home.col.progress")}
        </h2>
        <p className="actions">
          {status && <StatusBadge status={status} />}
          {progress && (
            <span>
              {t("run.progress", {
                done: finished,
                total: progress.total,
                inFlight: progress.inFlight,
                failed: progress.failed,
              })}
            </span>
          )}
        </p>
        {progress && (
          <>
            <progress
              max={Math.max(progress.total, 1)}
              value={finished}
              aria-label={t("home.col.progress")}
              className="wide"
            />
            <p className="small muted">
              {t("run.cost")}: {formatCost(progress.costUsd)}
              {progress.etaMs && !final ? ` · ${t("run.eta", { s: Math.ceil(progress.etaMs / 1000) })}` : ""}
            </p>
          </>
        )}
        <div className="actions">
          {status === "running" && (
            <button type="button" className="secondary" onClick={() => control.mutate("pause")}>
              {t("run.pause")}
            </button>
          )}
          {status === "paused" && (
            <button type="button" className="secondary" onClick={() => control.mutate("resume")}>
              {t("run.resume")}
            </button>
          )}
          {!final && (
            <button type="button" className="danger" onClick={() => control.mutate("cancel")}>
              {t("run.cancel")}
            </button>
          )}
          {(status === "failed" || status === "completed_with_errors") && (
            <button type="button" className="secondary" onClick={() => control.mutate("retry")}>
              {t("run.retry")}
            </button>
          )}
          <Link className="button secondary" to={`/runs/${id}/results`}>
            {t("run.results")}
          </Link>
        </div>
        <p role="alert" className="problem">
          {control.error?.message}
        </p>
      </section>
      {reviews.length > 0 && (
        <section aria-label={t("review.versions")}>
          {reviews.map((review) => (
            <ReviewPanel
              key={`${review.gate}@${review.version}`}
              runId={id}
              review={review}
              earlierGates={gates.filter((g) => g !== review.gate && nodes.statuses.get(g) === "done")}
              send={send}
              refusal={state.refusals.get(review.gate)}
            />
          ))}
        </section>
      )}
      <div className="run-grid">
        <LevelGraph statuses={nodes.statuses} complete={nodes.complete} />
        <div>
          <section className="card" aria-labelledby="failures-title">
            <h2 id="failures-title">{t("run.failures")}</h2>
            {failures.length === 0 ? (
              <p className="muted">{t("run.noFailures")}</p>
            ) : (
              <ul>
                {failures.map((f) => (
                  <li key={f.nodeId}>
                    <code>{f.nodeId}</code>: {f.error}{" "}
                    <button type="button" className="secondary" onClick={() => control.mutate("retry")}>
                      {t("run.retryStep")}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="acted-title">
            <h2 id="acted-title">{t("run.whoActed")}</h2>
            {state.presence && state.presence.recent.length > 0 ? (
              <ul className="recent-actors">
                {state.presence.recent.map((acted) => (
                  <li key={`${acted.at}-${acted.actor.id}-${acted.action}`}>{actedText(acted)}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("run.nobodyActed")}</p>
            )}
          </section>
          <section className="card" aria-labelledby="log-title">
            <h2 id="log-title">{t("run.events")}</h2>
            <ol className="event-log" reversed tabIndex={0} aria-labelledby="log-title">
              {state.log.map((line) => (
                <li key={line.seq + line.text} className={`log-${line.kind}`}>
                  {line.acted ? actedText(line.acted) : line.text}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </>
  );
}
