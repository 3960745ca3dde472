/**
 * Splits text into sentences (English and Japanese punctuation), dropping what is scaffolding
 * rather than content, so extractive output reads like the source: Markdown markup and code,
 * prompt tags (`<passage id="…">`), labelled header lines of a prompt ("Book: …", "Answer with
 * JSON: …"), image links, and the marker of earlier offline output being aggregated again.
 */
const HEADER_LINE = /^[\p{L}][\p{L}\p{N} ()/-]{0,40}:\s.*$/u;

export function sentencesOf(text: string): string[] {
  const sentences = sentencesWithHeaders(text, "drop");
  // A message that is nothing but such lines ("Summarise: Tsumugi spins thread.") is the content
  // itself: keep what follows each label rather than answer "(no input text)".
  return sentences.length ? sentences : sentencesWithHeaders(text, "unlabel");
}

function sentencesWithHeaders(text: string, headers: "drop" | "unlabel"): string[] {
  const cleaned = text
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/<\/?[a-z][\w-]*(\s+[\w-]+="[^"]*")*\s*\/?>?/gi, " ")
    .replace(/\[offline\]\s*/g, "")
    .split("\n")
    .flatMap((line) => {
      if (!HEADER_LINE.test(line.trim())) return [line];
      return headers === "drop" ? [] : [line.slice(line.indexOf(":") + 1)];
    })
    .join("\n")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, " ")
    .replace(/^#+\s*/gm, "")
    .replace(/[*_`>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!cleaned) return [];
  return (cleaned.match(/[^.!?。！？]+[.!?。！？]*/g) ?? [cleaned])
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}
