/**
 * UI text in English or Japanese: typed dictionaries (en.ts is the reference, ja.ts must have every
 * key), `{name}` placeholders, the choice kept in localStorage and mirrored on <html lang>.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { MessageKey } from "./en.ts";
import { LANGUAGES, translate, type Language } from "./translate.ts";

export { LANGUAGES, type Language };
const STORAGE = "tsumugi.language";

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE);
  if (stored === "en" || stored === "ja") return stored;
  return navigator.language.startsWith("ja") ? "ja" : "en";
}

type I18n = {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
};

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(() => {
    const chosen = initialLanguage();
    document.documentElement.lang = chosen;
    return chosen;
  });
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE, next);
    document.documentElement.lang = next;
    setState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ language, setLanguage, t: (key, values) => translate(language, key, values) }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
