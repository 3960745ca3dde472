/**
 * The variables each book prompt takes, as types, so a handler that forgets one fails to compile
 * rather than at run time. `{{language}}` is "Japanese" / "English" (see `languageName`),
 * `{{language_code}}` is "ja" / "en"; lists are passed pre-formatted as text. The prompts test
 * checks that these keys are exactly the placeholders of the templates.
 */
type Vars<K extends string> = Record<K, string | number>;

export interface BookPromptVariables {
  "structure-analysis": Vars<
    "language" | "book_title" | "chapter_title" | "section_title" | "section_id" | "source"
  >;
  article: Vars<
    "language" | "book_title" | "chapter_title" | "section_title" | "key_points" | "unit_id" | "source"
  >;
  "narration-script": Vars<"language" | "chapter_title" | "section_title" | "unit_id" | "source">;
  "script-json": Vars<"language" | "language_code" | "speakers" | "unit_id" | "narration">;
  "section-article": Vars<"language" | "section_title" | "section_id" | "parts">;
  "chapter-article": Vars<"language" | "book_title" | "chapter_title" | "chapter_id" | "sections">;
  "chapter-metadata": Vars<
    "language" | "book_title" | "chapter_title" | "chapter_id" | "reading_time_minutes" | "chapter_article"
  >;
  "tweet-thread": Vars<"language" | "book_title" | "chapter_title" | "keywords" | "chapter_summary">;
  "video-description": Vars<
    "language" | "book_title" | "chapter_title" | "chapter_markers" | "chapter_summary"
  >;
  "part-article": Vars<"language" | "book_title" | "part_title" | "part_id" | "chapter_summaries">;
  "part-description": Vars<"language" | "book_title" | "part_title" | "part_id" | "part_article">;
  "book-metadata": Vars<
    | "language"
    | "language_code"
    | "book_title"
    | "chapter_count"
    | "reading_time_minutes"
    | "chapter_summaries"
  >;
  "book-index": Vars<"book_title" | "terms_by_unit">;
}

/** Wraps parts (unit articles, section articles) in the tags the aggregation prompts expect. */
export function taggedParts(
  tag: "part" | "section" | "chapter",
  parts: { id: string; title?: string; text: string }[],
): string {
  return parts
    .map((part) => {
      const title = part.title ? ` title="${part.title.replace(/"/g, "'")}"` : "";
      return `<${tag} id="${part.id}"${title}>\n${part.text}\n</${tag}>`;
    })
    .join("\n\n");
}
