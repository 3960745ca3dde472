/**
 * The manga pipeline's input: a story (Japanese or English, up to 200 KB), how many pages, the
 * reading direction (right-to-left by default for Japanese, left-to-right otherwise) and style
 * notes. The run's `mode` (dialog / auto) is a run option, not part of the input.
 */
import { z } from "zod";

export const MAX_STORY_BYTES = 200 * 1024;
export const DEFAULT_PAGES = 8;
export const MAX_PAGES = 40;

const byteLength = (text: string) => new TextEncoder().encode(text).byteLength;

export const mangaInputSchema = z.strictObject({
  story: z
    .string()
    .trim()
    .min(20, "a story of at least 20 characters")
    .refine((s) => byteLength(s) <= MAX_STORY_BYTES, `at most ${MAX_STORY_BYTES} bytes (UTF-8)`),
  title: z.string().trim().min(1).max(200).optional(),
  pages: z.number().int().min(1).max(MAX_PAGES).default(DEFAULT_PAGES),
  /** Omitted: `rtl` when the story is Japanese, `ltr` otherwise. */
  readingDirection: z.enum(["rtl", "ltr"]).optional(),
  styleNotes: z.string().trim().max(2_000).optional(),
});
export type MangaInput = z.output<typeof mangaInputSchema>;

/** Japanese when kana or kanji make up a noticeable share of the letters. */
export function storyLanguage(story: string): "ja" | "en" {
  const sample = story.slice(0, 4_000);
  const japanese = (sample.match(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/gu) ?? []).length;
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  return letters > 0 && japanese / letters > 0.2 ? "ja" : "en";
}

export function readingDirectionOf(input: MangaInput): "rtl" | "ltr" {
  return input.readingDirection ?? (storyLanguage(input.story) === "ja" ? "rtl" : "ltr");
}
