/**
 * Splits a document's text into passages for the index: whole paragraphs, packed up to
 * CHUNK_CHARS; a paragraph longer than that is cut at sentence ends, then hard.
 */
export const CHUNK_CHARS = 1_000;

function pieces(paragraph: string): string[] {
  if (paragraph.length <= CHUNK_CHARS) return [paragraph];
  const sentences = paragraph.match(/[^.!?。！？]+[.!?。！？]*\s*/g) ?? [paragraph];
  const out: string[] = [];
  for (const s of sentences) {
    for (let i = 0; i < s.length; i += CHUNK_CHARS) out.push(s.slice(i, i + CHUNK_CHARS));
  }
  return out;
}

/**
 * @example
 * chunkText("One.\n\nTwo."); // ["One.\n\nTwo."]
 */
export function chunkText(text: string): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const paragraph of text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    for (const piece of pieces(paragraph)) {
      if (current && current.length + piece.length + 2 > CHUNK_CHARS) {
        chunks.push(current);
        current = "";
      }
      current = current ? `${current}\n\n${piece}` : piece;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
