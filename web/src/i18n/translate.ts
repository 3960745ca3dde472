/** Looking up UI text: `{name}` placeholders filled from `values` (pure; the React side is i18n.tsx). */
import { en, type MessageKey } from "./en.ts";
import { ja } from "./ja.ts";

export const LANGUAGES = ["en", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, ja };

export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>) {
  return format(DICTIONARIES[language][key], values);
}
