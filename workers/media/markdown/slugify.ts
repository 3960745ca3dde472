/**
 * Readable slugs for object keys and file names: lower-cased letters and digits of any script,
 * joined by hyphens. Japanese titles stay Japanese (`03-所有権`), never a generic word: the
 * export's zip marks such names UTF-8 (fflate sets the flag), R2 keys are Unicode, and clients
 * percent-encode the artifact URLs as for any path. Latin accents are dropped (`café` → `cafe`),
 * so Latin slugs stay ASCII as before.
 *
 * @example
 * slugify("The `String` Type");                        // "the-string-type"
 * slugify("あなたの書いたJavaScriptはTypeScriptである"); // "あなたの書いたjavascriptはtypescriptである"
 * slugify("概要・はじめに", "section");                  // "概要-はじめに"
 * slugify("???", "section");                           // "section" (no letters or digits at all)
 */
export function slugify(title: string, fallback = "untitled", maxLength = 48): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    // Recompose what NFKD split apart beyond Latin accents (が → か + ゛ would read wrong).
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  const cut = Array.from(slug).slice(0, maxLength).join("").replace(/-+$/g, "");
  return cut === "" ? fallback : cut;
}
