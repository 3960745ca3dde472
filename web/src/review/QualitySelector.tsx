/** The five page qualities (seed 003: Ultra → High → Medium → Low → Preview), as one labelled select. */
import { useId } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { PAGE_QUALITIES, type PageQuality } from "./page-quality.ts";

export function QualitySelector({
  value,
  onChange,
}: {
  value: PageQuality;
  onChange: (quality: PageQuality) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field quality">
      <label htmlFor={id}>{t("quality.label")}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(PAGE_QUALITIES.find((q) => q === e.target.value) ?? "preview")}
      >
        {PAGE_QUALITIES.map((q) => (
          <option key={q} value={q}>
            {t(`quality.${q}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
