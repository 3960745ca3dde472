/**
 * The one font bundled with the Worker: Noto Sans CJK JP Regular (SIL OFL 1.1, see OFL.txt
 * beside it), subset by scripts/build-font-subset.sh to ASCII, Latin-1, general punctuation,
 * arrows, box drawing, kana, full-width forms and the 2,965 JIS X 0208 level-1 kanji. That covers
 * everyday Japanese and English in titles and diagram labels at 944 KB (795 KB gzipped) instead
 * of 16 MB for the full font; rarer kanji (level 2) are not in it and render as blanks.
 */
import fontBytes from "./noto-sans-jp-subset.otf";

export { EMBEDDED_FONT_FAMILY } from "./font-family.ts";

let cached: Uint8Array | undefined;

/** The font as resvg's `fontBuffers` expect it. */
export function embeddedFontBuffers(): Uint8Array[] {
  cached ??= new Uint8Array(fontBytes);
  return [cached];
}
