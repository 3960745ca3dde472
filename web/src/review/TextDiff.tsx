/** A line diff of two texts (the `diff` library): removed lines in <del>, added in <ins>. */
import { diffLines } from "diff";
import { useI18n } from "../i18n/i18n.tsx";

export function TextDiff({ before, after }: { before: string; after: string }) {
  const { t } = useI18n();
  const parts = diffLines(before, after);
  return (
    <pre className="diff" aria-label={t("review.compare")}>
      {parts.map((part, i) =>
        part.added ? (
          <ins key={i}>{part.value}</ins>
        ) : part.removed ? (
          <del key={i}>{part.value}</del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </pre>
  );
}
