/** Splits text into sentences (English and Japanese punctuation), dropping Markdown noise. */
export function sentencesOf(text: string): string[] {
  const cleaned = text
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/^#+\s*/gm, "")
    .replace(/[*_`>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!cleaned) return [];
  return (cleaned.match(/[^.!?。！？]+[.!?。！？]*/g) ?? [cleaned])
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}
