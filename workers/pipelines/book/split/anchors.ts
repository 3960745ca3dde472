/**
 * Heading anchors the way mdBook and GitBook generate them, so `other.md#some-heading` links
 * can be resolved to the unit that holds the heading.
 *
 * @example
 * anchorSlug("The `String` Type"); // "the-string-type"
 * anchorSlug("Promiseを作る");      // "promiseを作る"
 */
export function anchorSlug(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
