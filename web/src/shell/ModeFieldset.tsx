/**
 * Who answers a run's review gates (`dialog` / `auto` / `hybrid`, the run option `mode`): the one
 * fieldset every "new run" form shows. `children` come first inside it (the book's chapter-review
 * checkbox); `note` is a sentence every choice is described by, with the id `mode-note` (one
 * form a page) so the children can point at it too.
 */
import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { RUN_MODES } from "../../../workers/protocol/workflows.ts";
import { useI18n } from "../i18n/i18n.tsx";

export function ModeFieldset({
  field,
  note,
  children,
}: {
  field: UseFormRegisterReturn;
  note?: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const describedBy = note ? "mode-note" : undefined;
  return (
    <fieldset>
      <legend>{t("new.mode")}</legend>
      {children}
      {RUN_MODES.map((m) => (
        <label key={m} className="choice">
          <input type="radio" value={m} aria-describedby={describedBy} {...field} /> {t(`new.mode.${m}`)}
        </label>
      ))}
      {note && (
        <p id="mode-note" className="muted small">
          {note}
        </p>
      )}
    </fieldset>
  );
}
