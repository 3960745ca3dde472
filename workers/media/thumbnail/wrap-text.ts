/**
 * Line breaking for SVG text (which has none). Widths are estimated from character classes of
 * the embedded font (CJK and full-width glyphs are one em; Latin about half), which is close
 * enough to keep titles inside the frame. Japanese breaks between any two characters except
 * before closing punctuation or after opening brackets (basic kinsoku); Latin breaks at spaces.
 */
const NO_LINE_START = new Set([
  ..."、。，．・：；？！ー〜）」』】〕》〉)]}.,:;!?’”ぁぃぅぇぉっゃゅょァィゥェォッャュョ",
]);
const NO_LINE_END = new Set([..."（「『【〔《〈([{‘“"]);

/** Estimated advance of one character, in em. */
export function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (char === " ") return 0.25;
  if (code < 0x80) return /[A-Z0-9@#%&MW]/.test(char) ? 0.64 : /[iljtf.,:;'!|]/.test(char) ? 0.28 : 0.52;
  if (code >= 0xff61 && code <= 0xff9f) return 0.5;
  return 1;
}

export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += charWidth(char);
  return em * fontSize;
}

/** Words for Latin runs, single characters for everything else, spaces kept. */
function tokens(text: string): string[] {
  return text.match(/[\x21-\x7e\u00a0-\u024f]+|\s+|./gsu) ?? [];
}

/**
 * @example
 * wrapText("所有権を理解する", 80, 400); // ["所有権を理解", "する"]
 */
export function wrapText(text: string, fontSize: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  const flush = () => {
    if (line.trim() !== "") lines.push(line.trim());
    line = "";
  };
  for (const token of tokens(text.replace(/\s+/g, " ").trim())) {
    if (textWidth(line + token, fontSize) <= maxWidth) {
      line += token;
      continue;
    }
    if (token.trim() === "") {
      flush();
      continue;
    }
    const first = [...token][0] ?? "";
    const last = [...line].at(-1) ?? "";
    if (NO_LINE_START.has(first) || NO_LINE_END.has(last)) {
      // Keep the pair together: move the line's last character down (or overflow a little).
      const chars = [...line];
      const carried = NO_LINE_END.has(last) || chars.length > 1 ? (chars.pop() ?? "") : "";
      line = chars.join("");
      flush();
      line = carried + token;
    } else if (textWidth(token, fontSize) > maxWidth) {
      flush();
      for (const char of token) {
        if (textWidth(line + char, fontSize) > maxWidth) flush();
        line += char;
      }
    } else {
      flush();
      line = token;
    }
  }
  flush();
  return lines;
}
