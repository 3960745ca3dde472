/** Numbers and times as people read them, in the UI language. */
import type { Language } from "../i18n/i18n.tsx";

const LOCALES: Record<Language, string> = { en: "en-US", ja: "ja-JP" };

export function formatCost(usd: number): string {
  return `$${usd < 0.01 && usd > 0 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

export function formatTime(ms: number, language: Language): string {
  return new Date(ms).toLocaleString(LOCALES[language], { dateStyle: "short", timeStyle: "short" });
}
