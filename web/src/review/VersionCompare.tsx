/**
 * Two kept versions of the reviewed node side by side (GET /v1/workflows/:id/versions/:node?a=&b=)
 * with a line diff of their outputs; images of a phase's view are shown by caption and size.
 */
import { useQuery } from "@tanstack/react-query";
import { versionComparisonSchema } from "../../../workers/protocol/workflows.ts";
import { apiFetch } from "../http/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { QueryProblem } from "../shell/QueryProblem.tsx";
import { previewText } from "./preview-text.ts";
import { TextDiff } from "./TextDiff.tsx";

export function VersionCompare({ runId, node, a, b }: { runId: string; node: string; a: number; b: number }) {
  const { t } = useI18n();
  const comparison = useQuery({
    queryKey: ["versions", runId, node, a, b],
    queryFn: () => apiFetch(`/v1/workflows/${runId}/versions/${node}?a=${a}&b=${b}`, versionComparisonSchema),
  });
  if (!comparison.data) return <QueryProblem query={comparison} />;
  const { before, after } = comparison.data;
  const text = (side: typeof before) => previewText(side.output ?? side.view ?? side.outputRef);
  return (
    <>
      <div className="compare">
        <div>
          <h4>{t("review.before", { v: before.version })}</h4>
          {before.feedback && <p className="small muted">{before.feedback}</p>}
          <pre tabIndex={0}>{text(before)}</pre>
        </div>
        <div>
          <h4>{t("review.after", { v: after.version })}</h4>
          {after.feedback && <p className="small muted">{after.feedback}</p>}
          <pre tabIndex={0}>{text(after)}</pre>
        </div>
      </div>
      <TextDiff before={text(before)} after={text(after)} />
    </>
  );
}
