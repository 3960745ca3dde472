/** A query's loading state or its error (the API's message), with a retry button. */
import type { UseQueryResult } from "@tanstack/react-query";
import { useI18n } from "../i18n/i18n.tsx";

export function QueryProblem({ query }: { query: Pick<UseQueryResult, "isPending" | "error" | "refetch"> }) {
  const { t } = useI18n();
  if (query.error)
    return (
      <div role="alert" className="problem">
        <p>{t("common.error", { message: query.error.message })}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t("common.retry")}
        </button>
      </div>
    );
  if (query.isPending) return <p className="muted">{t("common.loading")}</p>;
  return null;
}
