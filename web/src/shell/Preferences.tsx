/** Theme and language pickers (in the header, and on the settings page). */
import { useId } from "react";
import { LANGUAGES, useI18n, type Language } from "../i18n/i18n.tsx";
import { setTheme, THEMES, useTheme, type Theme } from "../theme/theme.ts";

const LANGUAGE_NAMES: Record<Language, string> = { en: "English", ja: "日本語" };

export function Preferences({ compact = false }: { compact?: boolean }) {
  const { t, language, setLanguage } = useI18n();
  const theme = useTheme();
  const id = useId();
  return (
    <div className={compact ? "preferences compact" : "preferences"}>
      <label htmlFor={`${id}-theme`}>{t("theme.label")}</label>
      <select id={`${id}-theme`} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
        {THEMES.map((value) => (
          <option key={value} value={value}>
            {t(`theme.${value}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-lang`}>{t("lang.label")}</label>
      <select id={`${id}-lang`} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((value) => (
          <option key={value} value={value} lang={value}>
            {LANGUAGE_NAMES[value]}
          </option>
        ))}
      </select>
    </div>
  );
}
