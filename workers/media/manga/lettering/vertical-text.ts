/**
 * Tategaki (vertical Japanese): text runs top to bottom in columns that follow each other right
 * to left. Characters are set one per cell; the ones that lie sideways in horizontal text are
 * turned for vertical setting: the long-vowel mark, dashes, tildes and ellipses, brackets and
 * Latin letters are rotated 90° clockwise; 、 and 。 move to the top-right of their cell.
 * Columns break between any two characters, except that closing punctuation never starts a
 * column and an opening bracket never ends one (basic kinsoku, as in horizontal wrapping).
 */

/** Glyphs drawn rotated 90° clockwise in a vertical column. */
const ROTATED = new Set([..."ー－―‐—〜～…‥「」『』（）()【】〔〕［］[]｛｝{}〈〉《》<>＜＞=＝→←"]);
/** Punctuation set in the top-right corner of its cell in vertical text. */
const CORNER = new Set([..."、。，．,."]);
const NO_COLUMN_START = new Set([
  ..."、。，．・：；？！ー〜）」』】〕》〉)]}.,:;!?ぁぃぅぇぉっゃゅょァィゥェォッャュョ",
]);
const NO_COLUMN_END = new Set([..."（「『【〔《〈([{"]);

export type VerticalGlyphForm = "upright" | "rotated" | "corner";

export function verticalGlyphForm(char: string): VerticalGlyphForm {
  if (CORNER.has(char)) return "corner";
  if (ROTATED.has(char) || /[A-Za-z0-9]/.test(char)) return "rotated";
  return "upright";
}

/** True when the text is Japanese (has kana or kanji): set vertically on rtl pages. */
export function isJapanese(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u.test(text);
}

/**
 * Splits text into columns of at most `perColumn` characters (first column = rightmost).
 * @example
 * verticalColumns("こんにちは、世界", 5); // ["こんにち", "は、世界"]
 */
export function verticalColumns(text: string, perColumn: number): string[] {
  const chars = [...text.replace(/\s+/gu, "")];
  const size = Math.max(1, Math.floor(perColumn));
  const columns: string[][] = [];
  let column: string[] = [];
  for (const char of chars) {
    if (column.length < size) {
      column.push(char);
      continue;
    }
    const last = column.at(-1) ?? "";
    // Kinsoku: carry the previous character down with a closing mark, or an opening bracket on.
    if ((NO_COLUMN_START.has(char) || NO_COLUMN_END.has(last)) && column.length > 1) {
      const carried = column.pop() ?? "";
      columns.push(column);
      column = [carried, char];
      continue;
    }
    columns.push(column);
    column = [char];
  }
  if (column.length > 0) columns.push(column);
  return columns.map((c) => c.join(""));
}
