/**
 * One open review gate, for any pipeline: the preview, approve, a revision with feedback
 * (react-hook-form + the protocol's reviewActionSchema), edit the output, skip, back to an
 * earlier gate, choose a version, and a before/after comparison of any two kept versions. A phase
 * with its own preview (manga: concept card … final pages) is shown as made for people, its page
 * images at the quality chosen here.
 * Actions go over the run's socket, so every watcher sees them at once. An action the server
 * refuses (an edit its schema rejects, a role that may not act, a gate already answered) is
 * shown beside the forms, which keep what the person typed so they can correct it.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { ClientMessage, ReviewAction, ReviewEvent } from "../../../workers/protocol/live.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { EditOutput } from "./EditOutput.tsx";
import { isPageUrl, type PageQuality } from "./page-quality.ts";
import { PhaseView } from "./PhaseView.tsx";
import { previewText } from "./preview-text.ts";
import { QualitySelector } from "./QualitySelector.tsx";
import { RefusalNote } from "./RefusalNote.tsx";
import type { Refusal } from "../run/live-state.ts";
import { VersionCompare } from "./VersionCompare.tsx";

const feedbackSchema = z.object({
  feedback: z.string().trim().min(1, "review.feedbackRequired").max(10_000),
});

export function ReviewPanel({
  runId,
  review,
  earlierGates,
  send,
  refusal,
}: {
  runId: string;
  review: ReviewEvent;
  earlierGates: readonly string[];
  send: (message: ClientMessage) => void;
  /** The server's latest refusal of an action at this gate, if any. */
  refusal?: Refusal | undefined;
}) {
  const { t } = useI18n();
  // A new action hides the refusal it follows; the next refusal (a higher id) shows again.
  const [hiddenUpTo, setHiddenUpTo] = useState(0);
  const act = (action: ReviewAction) => {
    if (refusal) setHiddenUpTo(refusal.id);
    send({ type: "review", gate: review.gate, review: action });
  };
  const revise = useForm({ resolver: zodResolver(feedbackSchema), defaultValues: { feedback: "" } });
  const [editing, setEditing] = useState(false);
  const [quality, setQuality] = useState<PageQuality>("preview");
  const hasPages = review.view?.images.some((image) => isPageUrl(image.url)) ?? false;
  const [version, setVersion] = useState(review.version);
  const [compareWith, setCompareWith] = useState<number | null>(null);
  const [backTo, setBackTo] = useState(earlierGates[0] ?? "");
  const base = `review-${review.gate.replace(/\W/g, "-")}`;
  return (
    <section className="card review" aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>
        {t("review.title", { gate: review.gate })} · {t("review.version", { v: review.version })}
      </h3>
      <h4>{t("review.preview")}</h4>
      {hasPages && <QualitySelector value={quality} onChange={setQuality} />}
      {review.view ? (
        <PhaseView view={review.view} quality={quality} />
      ) : (
        <pre tabIndex={0} aria-label={t("review.preview")}>
          {previewText(review.preview)}
        </pre>
      )}
      {review.truncated && <p className="muted small">{t("review.truncated")}</p>}
      <div className="actions">
        <button type="button" onClick={() => act({ action: "approve" })}>
          {t("review.approve")}
        </button>
        <button type="button" className="secondary" onClick={() => act({ action: "skip" })}>
          {t("review.skip")}
        </button>
      </div>
      <RefusalNote refusal={refusal && refusal.id > hiddenUpTo ? refusal : undefined} />
      <form onSubmit={revise.handleSubmit(({ feedback }) => act({ action: "revise", feedback }))} noValidate>
        <label htmlFor={`${base}-feedback`}>{t("review.feedback")}</label>
        <textarea
          id={`${base}-feedback`}
          rows={3}
          aria-invalid={revise.formState.errors.feedback ? true : undefined}
          aria-describedby={`${base}-feedback-problem`}
          {...revise.register("feedback")}
        />
        <p id={`${base}-feedback-problem`} className="problem small">
          {revise.formState.errors.feedback ? t("review.feedbackRequired") : ""}
        </p>
        <button type="submit" className="secondary">
          {t("review.revise")}
        </button>
      </form>
      <details onToggle={(e) => setEditing(e.currentTarget.open)}>
        <summary>{t("review.edit")}</summary>
        {editing && (
          <EditOutput
            runId={runId}
            node={review.reviews}
            version={review.version}
            idBase={base}
            onSave={(output) => act({ action: "edit", output })}
          />
        )}
      </details>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${base}-version`}>{t("review.versions")}</label>
          <select id={`${base}-version`} value={version} onChange={(e) => setVersion(Number(e.target.value))}>
            {review.versions.map((v) => (
              <option key={v} value={v}>
                {t("review.version", { v })}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="secondary" onClick={() => act({ action: "select", version })}>
          {t("review.select")}
        </button>
        {review.versions.length > 1 && (
          <div className="field">
            <label htmlFor={`${base}-compare`}>{t("review.compare")}</label>
            <select
              id={`${base}-compare`}
              value={compareWith ?? ""}
              onChange={(e) => setCompareWith(e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">—</option>
              {review.versions
                .filter((v) => v !== review.version)
                .map((v) => (
                  <option key={v} value={v}>
                    {t("review.version", { v })}
                  </option>
                ))}
            </select>
          </div>
        )}
        {earlierGates.length > 0 && (
          <>
            <div className="field">
              <label htmlFor={`${base}-back`}>{t("review.back")}</label>
              <select id={`${base}-back`} value={backTo} onChange={(e) => setBackTo(e.target.value)}>
                {earlierGates.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="secondary"
              onClick={() => backTo && act({ action: "back", to: backTo })}
            >
              {t("review.back")}
            </button>
          </>
        )}
      </div>
      {compareWith !== null && (
        <VersionCompare
          runId={runId}
          node={review.reviews}
          a={compareWith}
          b={review.version}
          quality={quality}
        />
      )}
    </section>
  );
}
