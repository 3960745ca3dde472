/**
 * Why the server refused a review action, beside the forms (role=alert, so it is announced):
 * its sentence and, for an edit that failed the step's schema, each offending field's path.
 * The alert element is always there, so screen readers announce the text when it appears.
 */
import { z } from "zod";
import { fieldIssueSchema } from "../../../workers/protocol/errors.ts";
import { useI18n } from "../i18n/i18n.tsx";
import type { Refusal } from "../run/live-state.ts";

// A refused edit lists its problems as `details.issues` (a request body's as `details`).
const issuesSchema = z.union([
  fieldIssueSchema.array(),
  z.object({ issues: fieldIssueSchema.array() }).transform((d) => d.issues),
]);

export function RefusalNote({ refusal }: { refusal: Refusal | undefined }) {
  const { t } = useI18n();
  const issues = refusal ? issuesSchema.safeParse(refusal.details) : null;
  return (
    <div role="alert" className="problem refusal">
      {refusal && (
        <>
          <p>{t("review.refused", { message: refusal.message })}</p>
          {issues?.success && issues.data.length > 0 && (
            <ul className="small">
              {issues.data.map((issue) => (
                <li key={`${issue.path}:${issue.code}`}>
                  <code>{issue.path || "(root)"}</code>: {issue.message}
                </li>
              ))}
            </ul>
          )}
          <p className="small">{t("review.refusedKept")}</p>
        </>
      )}
    </div>
  );
}
