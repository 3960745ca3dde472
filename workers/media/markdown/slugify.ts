/**
 * ASCII slugs for object keys and file names. Non-ASCII titles (Japanese) keep their Latin
 * words and otherwise fall back, because keys with CJK characters need escaping in every URL
 * and zip tool that touches the export.
 *
 * @example
 * slugify("The `String` Type");                        // "the-string-type"
 * slugify("あなたの書いたJavaScriptはTypeScriptである"); // "javascript-typescript"
 * slugify("概要", "section");                            // "section"
 */
export function slugify(title: string, fallback = "untitled", maxLength = 48): string {
  const slug = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = slug.slice(0, maxLength).replace(/-+$/g, "");
  return cut === "" ? fallback : cut;
}
