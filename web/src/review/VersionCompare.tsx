/**
 * Two kept versions of the reviewed node side by side (GET /v1/workflows/:id/versions/:node?a=&b=):
 * a phase's own preview (its images at the chosen quality, before left and after right) or the
 * output itself, and a line diff of their text.
 */
import { useQuery } from "@tanstack/react-query";
import { versionComparisonSchema, type VersionComparison } from "../../../workers/protocol/workflows.ts";
import { apiFetch } from "../http/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { QueryProblem } from "../shell/QueryProblem.tsx";
import type { PageQuality } from "./page-quality.ts";
import { ImageGrid } from "./PhaseView.tsx";
import { previewText, viewText } from "./preview-text.ts";
import { TextDiff } from "./TextDiff.tsx";

type Side = VersionComparison["before"];

const sideText = (side: Side) =>
  side.view ? viewText(side.view) : previewText(side.output ?? side.outputRef);

export function VersionCompare({
  runId,
  node,
  a,
  b,
  quality,
}: {
  runId: string;
  node: string;
  a: number;
  b: number;
  quality: PageQuality;
}) {
  const { t } = useI18n();
  const comparison = useQuery({
    queryKey: ["versions", runId, node, a, b],
    queryFn: () => apiFetch(`/v1/workflows/${runId}/versions/${node}?a=${a}&b=${b}`, versionComparisonSchema),
  });
  if (!comparison.data) return <QueryProblem query={comparison} />;
  const { before, after } = comparison.data;
  const column = (side: Side, heading: string) => (
    <div className="compare-side">
      <h4>{heading}</h4>
      {side.feedback && <p className="small muted">{side.feedback}</p>}
      {side.view && side.view.images.length > 0 && <ImageGrid images={side.view.images} quality={quality} />}
      <pre tabIndex={0} aria-label={heading}>
        {sideText(side)}
      </pre>
    </div>
  );
  return (
    <>
      <div className="compare">
        {column(before, t("review.before", { v: before.version }))}
        {column(after, t("review.after", { v: after.version }))}
      </div>
      <TextDiff before={sideText(before)} after={sideText(after)} />
    </>
  );
}
