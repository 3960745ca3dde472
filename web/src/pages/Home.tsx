/** Home: the tenant's runs, refreshed live, with status/pipeline filters and a search box. */
import { Link, useSearchParams } from "react-router";
import { RUN_STATUSES } from "../../../workers/protocol/live.ts";
import { useRuns } from "../http/queries.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { formatCost, formatTime } from "../shell/format.ts";
import { PageTitle } from "../shell/PageTitle.tsx";
import { QueryProblem } from "../shell/QueryProblem.tsx";
import { StatusBadge } from "../shell/StatusBadge.tsx";
import { matchesSearch, runShare } from "./run-filter.ts";

const PIPELINES = ["book", "manga", "phases", "fanout"];

export function Home() {
  const { t, language } = useI18n();
  // Filters live in the URL: a filtered list can be bookmarked and survives a reload.
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "";
  const pipeline = params.get("pipeline") ?? "";
  const search = params.get("q") ?? "";
  const runs = useRuns({ status: status || undefined, pipeline: pipeline || undefined });
  const set = (name: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const shown = (runs.data?.workflows ?? []).filter((run) => matchesSearch(run, search));
  return (
    <>
      <div className="page-head">
        <PageTitle text={t("home.title")} />
        <Link className="button" to="/new/book">
          {t("home.newBook")}
        </Link>
        <Link className="button secondary" to="/new/manga">
          {t("home.newManga")}
        </Link>
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="run-search">{t("home.search")}</label>
          <input id="run-search" type="search" value={search} onChange={(e) => set("q", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="run-status">{t("home.status")}</label>
          <select id="run-status" value={status} onChange={(e) => set("status", e.target.value)}>
            <option value="">{t("home.all")}</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="run-pipeline">{t("home.pipeline")}</label>
          <select id="run-pipeline" value={pipeline} onChange={(e) => set("pipeline", e.target.value)}>
            <option value="">{t("home.all")}</option>
            {PIPELINES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
      </form>
      <QueryProblem query={runs} />
      {runs.data && (
        <>
          <p className="muted small" role="status">
            {t("home.count", { n: shown.length })}
          </p>
          {shown.length === 0 ? (
            <p>{t("home.empty")}</p>
          ) : (
            <div className="table-scroll">
              <table className="runs">
                <thead>
                  <tr>
                    <th scope="col">{t("home.col.title")}</th>
                    <th scope="col">{t("home.col.status")}</th>
                    <th scope="col">{t("home.col.progress")}</th>
                    <th scope="col">{t("home.col.cost")}</th>
                    <th scope="col">{t("home.col.pipeline")}</th>
                    <th scope="col">{t("home.col.updated")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((run) => (
                    <tr key={run.id}>
                      <td>
                        <Link to={`/runs/${run.id}`}>{run.title ?? run.id}</Link>
                      </td>
                      <td>
                        <StatusBadge status={run.status} />
                      </td>
                      <td>
                        <progress
                          max={1}
                          value={runShare(run)}
                          aria-label={`${run.nodes.done + run.nodes.failed}/${run.nodes.total}`}
                        />{" "}
                        <span className="small">
                          {run.nodes.done + run.nodes.failed}/{run.nodes.total}
                        </span>
                      </td>
                      <td>{formatCost(run.costUsd)}</td>
                      <td>{run.pipeline}</td>
                      <td>{formatTime(run.updatedAt, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
