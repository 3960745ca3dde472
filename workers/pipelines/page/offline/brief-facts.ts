/** What the offline answers read from a brief: its sentences, language and a title. */
import { sentencesOf } from "../../../providers/offline/sentences";

export type BriefFacts = { sentences: string[]; lang: "ja" | "en"; title: string };

export function briefFacts(brief: string, title?: string): BriefFacts {
  const sentences = sentencesOf(brief)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const sample = brief.slice(0, 4_000);
  const japanese = (sample.match(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/gu) ?? []).length;
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  const lang = letters > 0 && japanese / letters > 0.2 ? "ja" : "en";
  const first = sentences[0] ?? brief.trim();
  const fallback = first.length > 60 ? `${first.slice(0, 57)}…` : first;
  return { sentences: sentences.length ? sentences : [brief.trim()], lang, title: title ?? fallback };
}
